// SQLite write throughput with 8 concurrent writers through the real use cases (AddLiveOrdersCore, a SQLite file in
// WAL, pooled connections): each writer moves its own order back and forth (Submit by the executor, Return by the
// author) and comments on it every fourth write, back to back, for a fixed time. Run twice in one process: once with the
// database configured as before the write gate (busy_timeout only), once as the app configures it now. Mode
// «postgresql» runs the same load on PostgreSQL (Database:Provider = PostgreSQL): a server of its own on 127.0.0.1 with
// fsync and synchronous_commit on, as a production server is.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Data.Common;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var seconds = args.Length > 0 ? int.Parse(args[0]) : 15;
var writers = args.Length > 1 ? int.Parse(args[1]) : 8;
var modes = args.Length > 2 ? args[2].Split(',') : ["before", "after"];

Console.WriteLine($"Write throughput (SQLite modes before, after; PostgreSQL mode postgresql): {writers} writers, {seconds} s each mode; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
Console.WriteLine("mode     commits  commits/s   p50 ms   p95 ms   p99 ms   max ms  ≥150 ms  conflicts  errors");
foreach (var mode in modes) await RunAsync(mode);

async Task RunAsync(string mode)
{
    var path = Path.Combine(Path.GetTempPath(), $"throughput-{Guid.NewGuid():N}.db");
    var connectionString = $"Data Source={path}";
    await using var server = mode == "postgresql" ? await LiveOrders.Tests.Support.PostgresServer.StartAsync(durable: true) : null;
    if (server is not null) connectionString = await server.CreateDatabaseAsync("throughput") + ";Maximum Pool Size=50";
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:LiveOrders"] = connectionString,
        // As the app on PostgreSQL: the cross-node feed, so every write also journals and NOTIFYs its change in its transaction.
        ["Database:Provider"] = server is null ? "Sqlite" : "PostgreSQL",
        ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
    }).Build();
    var services = new ServiceCollection().AddLogging();
    var slow = new SlowStatements();
    var begins = new BeginRuns();
    if (mode == "before")
    {
        // The provider as configured before this change: SQLite's busy handler only (PRAGMA busy_timeout = 30000).
        services.AddDbContextFactory<LiveOrdersDbContext>((sp, o) => o
            .UseSqlite(connectionString, s => s.CommandTimeout(30).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new BusyTimeout(), slow, begins).UseMunicipalZone(sp.GetRequiredService<MunicipalTime>().Zone));
    }
    else if (server is not null)
    {
        services.AddDbContextFactory<LiveOrdersDbContext>((sp, o) => o
            .UseLiveOrdersDatabase(DatabaseProvider.PostgreSql, connectionString).AddInterceptors(slow)
            .UseMunicipalZone(sp.GetRequiredService<MunicipalTime>().Zone));
    }
    else
    {
        services.AddDbContextFactory<LiveOrdersDbContext>((sp, o) => o
            .UseLiveOrdersDatabase(connectionString).AddInterceptors(slow, begins).UseMunicipalZone(sp.GetRequiredService<MunicipalTime>().Zone));
    }
    await using var provider = services.AddLiveOrdersCore(configuration).BuildServiceProvider();
    var dbFactory = provider.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
    var orders = provider.GetRequiredService<OrderService>();
    await using (var db = await dbFactory.CreateDbContextAsync()) await DatabaseSetup.MigrateAsync(db);
    var (author, executor) = await SeedAsync(dbFactory);

    // Each writer's own order, accepted: from here Submit and Return alternate for ever.
    var own = new List<(int Id, int Version)>();
    for (var w = 0; w < writers; w++)
    {
        var created = await orders.CreateAsync(author, new NewOrder($"Поручение {w}", null, [executor.DepartmentId], Priority.Normal, DateTime.UtcNow.AddDays(30)));
        var id = created.Value![0].Id;
        var accepted = await orders.ExecuteAsync(executor, id, 2, new AcceptOrder());
        if (!accepted.Ok) throw new InvalidOperationException($"{accepted.Failure}: {accepted.Message}");
        own.Add((id, accepted.Value));
    }

    var latencies = new ConcurrentBag<double>();
    var errors = new ConcurrentDictionary<string, int>();
    var conflicts = 0;
    slow.Clear();
    begins.Clear();
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    var clock = Stopwatch.StartNew();
    var tasks = own.Select((order, w) => Task.Run(async () =>
    {
        var (id, version) = order;
        var submitted = false;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (i % 4 == 3)
                {
                    var comment = await orders.CommentAsync(executor, id, $"Комментарий {i}");
                    if (!comment.Ok) throw new InvalidOperationException($"{comment.Failure}: {comment.Message}");
                }
                else
                {
                    var result = submitted
                        ? await orders.ExecuteAsync(author, id, version, new ReturnOrder("Доработать"))
                        : await orders.ExecuteAsync(executor, id, version, new SubmitOrder("Сделано"));
                    if (result.Failure == Failure.Conflict) { Interlocked.Increment(ref conflicts); continue; }
                    if (!result.Ok) throw new InvalidOperationException($"{result.Failure}: {result.Message}");
                    version = result.Value;
                    submitted = !submitted;
                }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception e)
            {
                errors.AddOrUpdate($"{e.GetType().Name}: {e.GetBaseException().Message}", 1, (_, n) => n + 1);
            }
        }
    })).ToArray();
    await Task.WhenAll(tasks);
    var elapsed = clock.Elapsed.TotalSeconds;

    var v = latencies.Order().ToArray();
    double P(double q) => v.Length == 0 ? 0 : v[Math.Min(v.Length - 1, (int)Math.Ceiling(q * v.Length) - 1)];
    Console.WriteLine($"{mode,-7} {v.Length,8} {v.Length / elapsed,10:F0} {P(0.50),8:F1} {P(0.95),8:F1} {P(0.99),8:F1} {P(1),8:F1} " +
        $"{v.Count(x => x >= 150),8} {conflicts,10} {errors.Values.Sum(),7}");
    foreach (var (message, count) in errors) Console.WriteLine($"         error ×{count}: {message}");
    if (server is null)
        Console.WriteLine($"         transactions begun: {slow.Transactions}; «BEGIN» run by SQLite: {begins.Runs} " +
            $"(so {begins.Runs - slow.Transactions} SQLITE_BUSY returned at once, each followed by a 150 ms sleep)");
    if (server is not null)
    {
        // Proof that the writes went through the cross-node feed: each one journalled (and NOTIFYed) in its transaction.
        await using var db = await dbFactory.CreateDbContextAsync();
        var journalled = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM live_feed_journal").SingleAsync();
        Console.WriteLine($"         feed: {provider.GetRequiredService<ILiveFeed>().GetType().Name}, {journalled} changes journalled");
    }
    foreach (var line in slow.Summary()) Console.WriteLine($"         {line}");

    SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

static async Task<(Actor Author, Actor Executor)> SeedAsync(IDbContextFactory<LiveOrdersDbContext> dbFactory)
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
    var housingHead = new Employee { FullName = "Жилищный Начальник", Position = "Начальник", DepartmentId = housing.Id, Role = Role.DepartmentHead };
    db.Employees.AddRange(roadsHead, housingHead);
    await db.SaveChangesAsync();
    return (new Actor(roadsHead.Id, roadsHead.FullName, roads.Id, Role.DepartmentHead, []),
        new Actor(housingHead.Id, housingHead.FullName, housing.Id, Role.DepartmentHead, []));
}

/// <summary>As <c>SqliteBusyTimeout</c> did before: SQLite's own busy handler waits up to 30 s for the lock.</summary>
sealed class BusyTimeout : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        await command.ExecuteNonQueryAsync(ct);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Counts how often SQLite ran «BEGIN …»: once per transaction, plus once per retry by Microsoft.Data.Sqlite after SQLite
/// returned SQLITE_BUSY to it (it then sleeps 150 ms and runs the statement again; SQLite's own busy handler waits
/// inside one run).
/// </summary>
sealed class BeginRuns : DbConnectionInterceptor
{
    public long Runs;
    public void Clear() => Runs = 0;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Trace(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Trace(connection);
        return Task.CompletedTask;
    }

    private void Trace(DbConnection connection) => SQLitePCL.raw.sqlite3_trace(((SqliteConnection)connection).Handle, (_, sql) =>
    {
        if (sql.StartsWith("BEGIN", StringComparison.Ordinal)) Interlocked.Increment(ref Runs);
    }, null);
}

/// <summary>Where the time goes: statements, transaction starts and commits that took 100 ms or more, by kind.</summary>
sealed class SlowStatements : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConcurrentDictionary<string, List<double>> _slow = new();
    public long Transactions;
    public void Clear() { _slow.Clear(); Transactions = 0; }

    private void Note(string what, TimeSpan duration)
    {
        if (duration.TotalMilliseconds < 100) return;
        var list = _slow.GetOrAdd(what, _ => []);
        lock (list) list.Add(duration.TotalMilliseconds);
    }

    private static string Kind(DbCommand c) => c.CommandText.TrimStart().Split(' ', '\n')[0].ToUpperInvariant();

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
    {
        Note("statement " + Kind(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        Note("statement " + Kind(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref Transactions);
        Note("BEGIN", eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Note("COMMIT", eventData.Duration);
        return Task.CompletedTask;
    }

    public IEnumerable<string> Summary() => _slow.OrderBy(k => k.Key).Select(k =>
        $"took ≥100 ms: {k.Key} ×{k.Value.Count} (steps: {string.Join(", ", k.Value.GroupBy(x => (int)(x / 150)).OrderBy(g => g.Key).Select(g => $"{g.Key * 150}–{g.Key * 150 + 150} ms ×{g.Count()}"))})");
}
