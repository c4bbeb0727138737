// Deadline record lag on the real clock: orders created due a moment ahead while other writes go on,
// the deadline watcher running as in the app (AddLiveOrdersCore, TimeProvider.System, a SQLite file).
// Lag = when the overdue fact was recorded (the watcher's stamp) and when it was committed and handed to
// the live feed, each minus the order's due instant.
using System.Collections.Concurrent;
using System.Diagnostics;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var count = args.Length > 0 ? int.Parse(args[0]) : 200;
var singles = args.Length > 1 ? int.Parse(args[1]) : 50;
var path = Path.Combine(Path.GetTempPath(), $"deadline-lag-{Guid.NewGuid():N}.db");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:LiveOrders"] = $"Data Source={path}",
    ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
}).Build();
var services = new ServiceCollection().AddLogging().AddLiveOrdersCore(configuration).BuildServiceProvider();
var dbFactory = services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
var orders = services.GetRequiredService<OrderService>();
var feed = services.GetRequiredService<ILiveFeed>();
var watcher = services.GetRequiredService<DeadlineWatcher>();

await using (var db = await dbFactory.CreateDbContextAsync()) await DatabaseSetup.MigrateAsync(db);
var (author, executor) = await SeedAsync();

var published = new ConcurrentDictionary<int, DateTime>();
using var subscription = feed.Subscribe(c => c.Event == OrderEventKind.Overdue, c =>
{
    published.TryAdd(c.OrderId, DateTime.UtcNow);
    return Task.CompletedTask;
});
await watcher.StartAsync(CancellationToken.None);

// Warm-up: one order through the whole path, as in an app that has been running.
var warm = await orders.CreateAsync(author, new NewOrder("Разогрев", null, [executor.DepartmentId], Priority.Low, DateTime.UtcNow.AddMilliseconds(200)));
var warmId = warm.Value![0].Id;
while (!published.ContainsKey(warmId)) await Task.Delay(20);

using var stop = new CancellationTokenSource();
var other = Task.Run(async () =>
{
    // Other writes: comments back to back on an order due in days (they contend for the database, wake nothing).
    var busy = await orders.CreateAsync(author, new NewOrder("Фоновое", null, [executor.DepartmentId], Priority.Low, DateTime.UtcNow.AddDays(3)));
    var comments = 0;
    while (!stop.IsCancellationRequested) { await orders.CommentAsync(executor, busy.Value![0].Id, "Комментарий"); comments++; }
    return comments;
});

var due = new Dictionary<int, DateTime>();
var random = new Random(7);
var clock = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    var dueAt = DateTime.UtcNow.AddMilliseconds(random.Next(300, 3000));
    var created = await orders.CreateAsync(author, new NewOrder($"Срочно {i}", null, [executor.DepartmentId], Priority.Urgent, dueAt));
    due[created.Value![0].Id] = dueAt;
}
var createdIn = clock.Elapsed;
var giveUpAt = due.Values.Max().AddSeconds(20);
while (!due.Keys.All(published.ContainsKey) && DateTime.UtcNow < giveUpAt) await Task.Delay(50);
var missedA = due.Keys.Count(id => !published.ContainsKey(id));
var missedB = 0;

// One at a time: each order is the last one due, with no later deadline or change to wake the watcher again.
var single = new Dictionary<int, DateTime>();
for (var i = 0; i < singles; i++)
{
    var dueAt = DateTime.UtcNow.AddMilliseconds(random.Next(300, 1000));
    var created = await orders.CreateAsync(author, new NewOrder($"Одно {i}", null, [executor.DepartmentId], Priority.Urgent, dueAt));
    var id = created.Value![0].Id;
    single[id] = dueAt;
    while (!published.ContainsKey(id) && DateTime.UtcNow < dueAt.AddSeconds(5)) await Task.Delay(10);
    if (!published.ContainsKey(id)) missedB++;   // recorded later only because the next order's creation woke the watcher
}
await stop.CancelAsync();
var commentsWritten = await other;
await watcher.StopAsync(CancellationToken.None);

Dictionary<int, DateTime?> stamps;
await using (var db = await dbFactory.CreateDbContextAsync())
{
    var ids = due.Keys.Concat(single.Keys).ToList();
    stamps = await db.Orders.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.OverdueRecordedAt);
}
Console.WriteLine($"Deadline record lag; {commentsWritten} comments written meanwhile; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
Console.WriteLine($"A: {count} orders due 300–3000 ms ahead, created back to back in {createdIn.TotalSeconds:F1} s; " +
    $"missed (not recorded 20 s after the last due time): {missedA}");
Console.WriteLine($"B: {singles} orders one at a time, each due 300–1000 ms ahead; missed (not recorded 5 s after due): {missedB}");
Console.WriteLine("lag after the due instant      samples   min ms   p50 ms   p95 ms   p99 ms   max ms");
foreach (var (name, set) in new[] { ("A", due), ("B", single) })
{
    Row($"{name} recorded (watcher's stamp)", set.Where(d => stamps[d.Key] is not null).Select(d => (stamps[d.Key]!.Value - d.Value).TotalMilliseconds));
    Row($"{name} committed and published", set.Where(d => published.ContainsKey(d.Key)).Select(d => (published[d.Key] - d.Value).TotalMilliseconds));
}

await services.DisposeAsync();
SqliteConnection.ClearAllPools();
foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);

static void Row(string name, IEnumerable<double> values)
{
    var v = values.Order().ToArray();
    if (v.Length == 0) { Console.WriteLine($"{name,-29}         0"); return; }
    double P(double q) => v[Math.Min(v.Length - 1, (int)Math.Ceiling(q * v.Length) - 1)];
    Console.WriteLine($"{name,-29} {v.Length,9} {v[0],8:F1} {P(0.50),8:F1} {P(0.95),8:F1} {P(0.99),8:F1} {v[^1],8:F1}");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

async Task<(Actor Author, Actor Executor)> SeedAsync()
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
