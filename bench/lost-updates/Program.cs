// Lost updates (issue 11): PAIRS pairs of conflicting changes on the same order version, through the real use case
// (OrderService.CorrectAsync, AddLiveOrdersCore over a database file), each pair's two tasks released together.
// Exactly one of each pair must win, the other get a conflict, and the order's history hold exactly the winners'
// corrections, in order. The pairs and the check are LostUpdateTests' (LiveOrders.Tests/Support/ConflictingPairs.cs).
//
// dotnet run -c Release --project bench/lost-updates -- [PAIRS=10000] [--provider Sqlite|PostgreSQL] [--connection "..."]
using System.Diagnostics;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var pairs = args.Length > 0 && !args[0].StartsWith("--") ? int.Parse(args[0]) : 10_000;
string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
var provider = Option("--provider", "Sqlite");
var postgreSql = DatabaseProviders.Of(new ConfigurationBuilder().AddInMemoryCollection([new(DatabaseProviders.Key, provider)]).Build())
    == DatabaseProvider.PostgreSql;
var path = Path.Combine(Path.GetTempPath(), $"lost-updates-{Guid.NewGuid():N}.db");
// PostgreSQL without --connection: a server of its own on 127.0.0.1 (the tests' PostgresServer, Debian's package).
await using var server = postgreSql && !args.Contains("--connection") ? await PostgresServer.StartAsync() : null;
var connection = Option("--connection", server is null ? $"Data Source={path}" : await server.CreateDatabaseAsync("lost_updates"));

// EF logs each save the version token refused: counted, to tell pairs that raced to the database from pairs whose loser
// read the winner's version already (refused by the use case's own check before writing).
var refusedByToken = new TokenRefusals();
var services = new ServiceCollection()
    .AddLogging(b => b.AddProvider(refusedByToken).SetMinimumLevel(LogLevel.Debug)
        .AddFilter((category, _) => category == DbLoggerCategory.Update.Name))
    .AddLiveOrdersCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = provider,
        ["ConnectionStrings:LiveOrders"] = connection,
        ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
    }).Build())
    .BuildServiceProvider();
var dbFactory = services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
var orders = services.GetRequiredService<OrderService>();
await using (var db = await dbFactory.CreateDbContextAsync()) await DatabaseSetup.MigrateAsync(db);

var (author, executingDepartment) = await SeedAsync();
var created = await orders.CreateAsync(author, new NewOrder("Проверка потерянных изменений", "Текст", [executingDepartment], Priority.Normal,
    DateTime.UtcNow.AddDays(30)));
var orderId = created.Value![0].Id;
long lastEvent;
int start;
await using (var db = await dbFactory.CreateDbContextAsync())
{
    lastEvent = await db.OrderEvents.Where(e => e.OrderId == orderId).MaxAsync(e => e.Id);
    start = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Version).SingleAsync();
}

Console.WriteLine($"{pairs} pairs of corrections of the same version on one order ({connection})");
var clock = Stopwatch.StartNew();
var result = await ConflictingPairs.RunAsync(orders, author, orderId, start, pairs,
    new Progress<int>(n => Console.WriteLine($"  {n,6} pairs, {clock.Elapsed.TotalSeconds,6:0.0} s")));
var took = clock.Elapsed;

int final;
await using (var db = await dbFactory.CreateDbContextAsync())
    final = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Version).SingleAsync();
var history = await ConflictingPairs.HistoryAsync(dbFactory, orderId, lastEvent);
var problems = ConflictingPairs.Check(result, start, final, history);
var winners = result.Count(p => p.Winner is not null);
Console.WriteLine();
Console.WriteLine($"pairs run {result.Count} of {pairs}; one winner and one conflict: {winners}; А won {result.Count(p => p.Winner == 'А')}, "
    + $"Б won {result.Count(p => p.Winner == 'Б')}");
Console.WriteLine($"losers refused by the version token at the write (both had read the same version): {refusedByToken.Count}; "
    + $"by the use case's check of the version it read: {winners - refusedByToken.Count}");
Console.WriteLine($"version {start} → {final} (+{final - start}); history after the start: {history.Count} events, "
    + $"{history.Count(e => e.Kind == OrderEventKind.Corrected)} corrections");
Console.WriteLine($"{took.TotalSeconds:0.0} s, {result.Count / took.TotalSeconds:0} pairs/s");
Console.WriteLine(problems.Count == 0 ? "OK: no lost update, no gap, no double." : "PROBLEMS:\n  " + string.Join("\n  ", problems));
await services.DisposeAsync();
SqliteConnection.ClearAllPools();
if (!args.Contains("--connection") && server is null) foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
return problems.Count == 0 ? 0 : 1;

async Task<(Actor Author, int ExecutingDepartment)> SeedAsync()
{
    await using var db = await dbFactory.CreateDbContextAsync();
    var admin = new Department { Name = "Администрация", ShortName = "Адм" };
    db.Departments.Add(admin);
    await db.SaveChangesAsync();
    var roads = new Department { Name = "Управление дорог", ShortName = "Дороги", ParentId = admin.Id };
    var housing = new Department { Name = "Управление ЖКХ", ShortName = "ЖКХ", ParentId = admin.Id };
    db.Departments.AddRange(roads, housing);
    await db.SaveChangesAsync();
    var roadsHead = new Employee { FullName = "Дорожный Начальник", Position = "Начальник", DepartmentId = roads.Id, Role = Role.DepartmentHead };
    db.Employees.Add(roadsHead);
    await db.SaveChangesAsync();
    return (new Actor(roadsHead.Id, roadsHead.FullName, roads.Id, Role.DepartmentHead, []), housing.Id);
}

/// <summary>Counts EF's «optimistic concurrency exception» log events: saves refused because the version had moved.</summary>
sealed class TokenRefusals : ILoggerProvider, ILogger
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.OptimisticConcurrencyException.Id) Interlocked.Increment(ref _count);
    }
    public void Dispose() { }
}
