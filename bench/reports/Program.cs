// Reports over a generated municipality with 100 000 orders (or another count): the median time and the memory of each
// report query, the справка and the list exports, as the app runs them (AddLiveOrdersCore, a SQLite file), on a fixed
// «now» (MunicipalityGenerator.Now). See README.md.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveOrders.Bench.Reports;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Arguments: [count] [--runs N] [--plans].
var runsAt = Array.IndexOf(args, "--runs");
var runs = runsAt >= 0 && runsAt + 1 < args.Length ? int.Parse(args[runsAt + 1]) : 7;
var count = args.Where((a, i) => i != runsAt + 1 || runsAt < 0).Select(a => int.TryParse(a, out var n) ? n : (int?)null)
    .FirstOrDefault(n => n is not null) ?? 100_000;
var plans = args.Contains("--plans");
var cacheDirectory = Path.Combine(SourceDirectory(), "cache");
Directory.CreateDirectory(cacheDirectory);
var cached = Path.Combine(cacheDirectory, $"orders-{count}-v{MunicipalityGenerator.Version}.db");

Console.WriteLine($"Reports benchmark: {count:N0} orders, {runs} runs after a warm-up; {Environment.ProcessorCount} cores, " +
    $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage()}");

if (!File.Exists(cached))
{
    var building = cached + ".building";
    foreach (var f in new[] { building, building + "-wal", building + "-shm" }) File.Delete(f);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await using (var sp = Services(building))
        await new MunicipalityGenerator(sp, count).GenerateAsync(p => Console.WriteLine($"  generated {p} in {clock.Elapsed.TotalSeconds:F0} s"));
    SqliteConnection.ClearAllPools();
    File.Move(building, cached);
    Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F0} s: {cached}");
}
else Console.WriteLine($"Cached: {cached}");

await using (var sp = Services(cached))
{
    // A database generated before a later migration (an index, say) is brought up to date, as the app would on start.
    await using (var db = await sp.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync())
        await DatabaseSetup.MigrateAsync(db);
    await Describe(sp, cached);
}

if (plans)
{
    // The SQL, plan and time of each query of a report (a month and two years, every department), instead of the measurements.
    Actor control;
    await using (var sp = Services(cached))
    {
        (control, _, _) = await Actors(sp);
        _ = await sp.GetRequiredService<ReportQueries>().DepartmentFiguresAsync(control, BenchPeriods.All[^1].Period);   // warm-up
    }
    await using (var sp = Services(cached, printPlans: true))
        foreach (var (name, period) in new[] { BenchPeriods.All[0], BenchPeriods.All[^1] })
        {
            Console.WriteLine($"── {name}, all departments");
            Console.WriteLine(Summary(Bench.Ok(await sp.GetRequiredService<ReportQueries>().DepartmentFiguresAsync(control, period))));
        }
    return;
}

// The indexes this benchmark added for the reports (migration 20261126000008_AuditAndReports): measured without them first, on a
// copy of the database with them dropped, then with them, in the same run.
string[] reportIndexes = ["IX_OrderEvents_Kind_At_ToDepartmentId_OrderId", "IX_Orders_ExecutingDepartmentId_Status_CompletedAt"];
var before = new List<Bench.Row>();
if (reportIndexes.Length > 0)
{
    var copy = Path.Combine(Path.GetTempPath(), $"reports-bench-before-{Guid.NewGuid():N}.db");
    SqliteConnection.ClearAllPools();
    File.Copy(cached, copy);
    try
    {
        await using var sp = Services(copy);
        await using (var connection = new SqliteConnection($"Data Source={copy}"))
        {
            await connection.OpenAsync();
            foreach (var index in reportIndexes)
            {
                await using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP INDEX \"{index}\";";                  // our own names, above
                await drop.ExecuteNonQueryAsync();
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Without the report indexes ({string.Join(", ", reportIndexes)}):");
        var bench = new Bench(runs, Console.Out);
        await MeasureReports(sp, bench);
        before = bench.Rows;
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" }) File.Delete(f);
    }
}

await using (var sp = Services(cached))
{
    Console.WriteLine();
    Console.WriteLine(reportIndexes.Length > 0 ? "With the report indexes:" : "Measurements:");
    var bench = new Bench(runs, Console.Out);
    await MeasureReports(sp, bench);
    await MeasureOthers(sp, bench);
    if (before.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine($"{"median time, without / with the indexes",-50} {"ratio",10}");
        foreach (var row in before)
            if (bench.Rows.FirstOrDefault(r => r.Name == row.Name) is { } after)
                Console.WriteLine($"{row.Name,-50} {row.MedianMs / after.MedianMs,9:F1}×");
    }
}

// ReportQueries.DepartmentFiguresAsync for four periods, for every department (control) and for one (a deputy head).
static async Task MeasureReports(ServiceProvider sp, Bench bench)
{
    Bench.Header(Console.Out);
    var (control, deputy, department) = await Actors(sp);
    var reports = sp.GetRequiredService<ReportQueries>();
    var trends = sp.GetRequiredService<ReportTrendQueries>();
    var reportExports = sp.GetRequiredService<ReportExports>();
    foreach (var (name, period) in BenchPeriods.All)
    {
        await bench.Measure($"figures, {name}, all departments", async () =>
            Summary(Bench.Ok(await reports.DepartmentFiguresAsync(control, period))));
        await bench.Measure($"figures, {name}, one department (deputy)", async () =>
            Summary(Bench.Ok(await reports.DepartmentFiguresAsync(deputy, period, [department]))));
        // What the page shows besides the table: the weekly trend (the rating is DepartmentRating over these figures, no
        // query of its own), the page's export, and the orders behind two figures.
        await bench.Measure($"trend, {name}, all departments", () => trends.TrendAsync(control, period));
        await bench.Measure($"reports page xlsx, {name}, all", () => reportExports.ReportAsync(control, period, null, ExportFormat.Xlsx));
        await bench.Measure($"drill-down done, {name}, one department", () => reports.OrdersBehindAsync(deputy, period, [department], ReportFigure.Done));
        await bench.Measure($"drill-down to accept, {name}, all", () => reports.OrdersBehindAsync(control, period, null, ReportFigure.TimeToAccept));
    }
}

// The справка and the exports of lists.
static async Task MeasureOthers(ServiceProvider sp, Bench bench)
{
    var (control, _, department) = await Actors(sp);

    // «Справка об исполнительской дисциплине»: its model (figures and the two lists), then the PDF and the xlsx of it.
    var discipline = sp.GetRequiredService<DisciplineReports>();
    foreach (var (name, period) in BenchPeriods.All)
    {
        await bench.Measure($"справка model, {name}, all", () => discipline.BuildAsync(control, period, null));
        var model = Bench.Ok(await discipline.BuildAsync(control, period, null));
        await bench.Measure($"справка PDF, {name}, all", () => DisciplinePdf.Write(model));
        await bench.Measure($"справка xlsx, {name}, all", () => DisciplineXlsx.Write(model));
    }

    // The order list as filtered, exported whole (OrderExports.MaxRows at most): every done order, and one department's open ones.
    var exports = sp.GetRequiredService<OrderExports>();
    var done = new OrderFilter(OrderScope.All, Status: OrderStatus.Done);
    var open = new OrderFilter(OrderScope.All, OpenOnly: true, DepartmentId: department);
    foreach (var format in new[] { ExportFormat.Xlsx, ExportFormat.Csv })
    {
        await bench.Measure($"list export {format}, all done (capped)", async () => Size(await exports.ListAsync(control, done, format)));
        await bench.Measure($"list export {format}, one department's open", async () => Size(await exports.ListAsync(control, open, format)));
    }
}

static string Summary(IReadOnlyList<DepartmentFigures> figures) =>
    $"{figures.Count} dept, received {figures.Sum(f => f.Received):N0}, done {figures.Sum(f => f.Done):N0}";

static string Size(ExportFile file) => $"{file.Content.Length / 1024.0:N0} KB";

static async Task<(Actor Control, Actor Deputy, int Department)> Actors(ServiceProvider sp)
{
    await using var db = await sp.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
    var controlId = await db.Employees.Where(e => e.Role == Role.Controller).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    // The deputy for the city's housing and social side (deputy2 of the demo) and her ЖКХ.
    var deputyId = await db.Employees.Where(e => e.Role == Role.DeputyHead).OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();
    var department = await db.Departments.Where(d => d.CuratorId == deputyId && d.ShortName == "ЖКХ").Select(d => d.Id).FirstAsync();
    var actors = sp.GetRequiredService<ActorDirectory>();
    return ((await actors.FindByEmployeeIdAsync(controlId))!, (await actors.FindByEmployeeIdAsync(deputyId))!, department);
}

// What was generated: orders by status, events by kind, the file's size.
static async Task Describe(ServiceProvider sp, string path)
{
    await using var db = await sp.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
    var now = MunicipalityGenerator.Now.UtcDateTime;
    var statuses = await db.Orders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    var kinds = await db.OrderEvents.GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    var overdue = await db.Orders.CountAsync(o => OrderStatusText.AwaitingExecution.Contains(o.Status) && o.DueAt <= now);
    var late = await db.Orders.CountAsync(o => o.Status == OrderStatus.Done && (o.SubmittedAt ?? o.CompletedAt) > o.DueAt);
    var forwarded = await db.Orders.GroupBy(o => o.ForwardCount).Select(g => new { g.Key, Count = g.Count() }).OrderBy(x => x.Key).ToListAsync();
    var marked = await db.Orders.CountAsync(o => o.QualityMark != null);
    var size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
    Console.WriteLine($"Orders: {statuses.Sum(s => s.Count):N0} — " + string.Join(", ", statuses.OrderByDescending(s => s.Count).Select(s => $"{s.Key} {s.Count:N0}")));
    Console.WriteLine($"  done late {late:N0}; overdue now {overdue:N0}; with a mark {marked:N0}; forwarded " +
        string.Join(", ", forwarded.Select(f => $"{f.Key}× {f.Count:N0}")));
    Console.WriteLine($"Events: {kinds.Sum(k => k.Count):N0} — " + string.Join(", ", kinds.OrderByDescending(k => k.Count).Select(k => $"{k.Key} {k.Count:N0}")));
    Console.WriteLine($"File: {size / 1048576.0:N0} MB");
}

// The app's services over a SQLite file, on the benchmark's fixed clock; Identity only for the demo seeder's accounts.
static ServiceProvider Services(string path, bool printPlans = false)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:LiveOrders"] = $"Data Source={path}",
        ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
    }).Build();
    var services = new ServiceCollection().AddLogging();
    services.AddSingleton<TimeProvider>(new FixedClock(MunicipalityGenerator.Now));
    // AddLiveOrdersCore keeps a factory registered before it: the same options, with the plan printer.
    if (printPlans)
        services.AddDbContextFactory<LiveOrdersDbContext>(o => o.UseLiveOrdersDatabase($"Data Source={path}").AddInterceptors(new QueryPlans(Console.Out)));
    services.AddLiveOrdersCore(configuration);
    services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContext());
    services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<LiveOrdersDbContext>();
    return services.BuildServiceProvider();
}

static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

/// <summary>The measured periods, in local dates of the municipality.</summary>
internal static class BenchPeriods
{
    public static readonly (string Name, ReportPeriod Period)[] All =
    [
        ("month (Oct 2026)", new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1))),
        ("quarter (Q3 2026)", new ReportPeriod(new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1))),
        ("year (2025)", new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1))),
        ("two years", new ReportPeriod(new DateOnly(2024, 11, 1), new DateOnly(2026, 12, 1))),
    ];
}
