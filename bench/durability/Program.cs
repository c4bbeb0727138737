// Durability under kill -9 (issue 11): the real app (LiveOrders.Web.dll, Release, Production) on one database, about 200
// writes a second through the API, SIGKILL after a random 2–6 s, restart on the same database, then: is every write that
// got a 2xx answer there, and is the file sound (PRAGMA integrity_check)? Repeated ROUNDS times.
//
// dotnet run -c Release --project bench/durability -- ROOT [--rounds 20] [--rate 200] [--port 5223] [--seed 11]
//     [--provider Sqlite|PostgreSQL] [--connection "Data Source=/path/app.db"]
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Integrations;
using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var root = Path.GetFullPath(args.Length > 0 && !args[0].StartsWith("--") ? args[0] : ".");
string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
var rounds = int.Parse(Option("--rounds", "20"));
var rate = int.Parse(Option("--rate", "200"));
var port = int.Parse(Option("--port", "5223"));
var random = new Random(int.Parse(Option("--seed", "11")));
var provider = Option("--provider", "Sqlite");
var work = Path.Combine(Path.GetTempPath(), $"liveorders-durability-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);
var databasePath = Path.Combine(work, "app.db");
var postgreSql = DatabaseProviders.Of(new ConfigurationBuilder().AddInMemoryCollection([new(DatabaseProviders.Key, provider)]).Build())
    == DatabaseProvider.PostgreSql;
// PostgreSQL without --connection: a server of its own on 127.0.0.1 (the tests' PostgresServer), durable (fsync and
// synchronous_commit on). The app is what gets killed; the check reads through the same DbContext.
await using var server = postgreSql && !args.Contains("--connection") ? await PostgresServer.StartAsync(durable: true) : null;
var connection = Option("--connection", server is null ? $"Data Source={databasePath}" : await server.CreateDatabaseAsync("durability"));

var dll = Path.Combine(root, "LiveOrders.Web", "bin", "Release", "net10.0", "LiveOrders.Web.dll");
if (!File.Exists(dll)) { Console.Error.WriteLine($"Build first (run.sh does): {dll} is missing."); return 2; }
var baseUrl = $"http://127.0.0.1:{port}";
var log = Path.Combine(work, "app.log");

// The bench's own reads go without pooling: no connection of ours stays open across a kill, so each restart is the app's
// own recovery of the file, as after a real crash.
var benchConnection = postgreSql
    ? new Npgsql.NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ToString()
    : new SqliteConnectionStringBuilder(connection) { Pooling = false }.ToString();
var services = new ServiceCollection().AddLogging().AddLiveOrdersCore(new ConfigurationBuilder().AddInMemoryCollection(
    new Dictionary<string, string?>
    {
        ["Database:Provider"] = provider,
        ["ConnectionStrings:LiveOrders"] = benchConnection,
        ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
    }).Build()).BuildServiceProvider();
var dbFactory = services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();

Process? app = null;
async Task StartAsync()
{
    var info = new ProcessStartInfo("dotnet")
    {
        ArgumentList = { dll, "--urls", baseUrl },
        WorkingDirectory = Path.GetDirectoryName(dll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    info.Environment["Database__Provider"] = provider;
    info.Environment["ConnectionStrings__LiveOrders"] = connection;
    info.Environment["Attachments__StoragePath"] = Path.Combine(work, "files");
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    // One caller sends 200 a second: far above the per-caller limit meant for people's scripts (600 a minute).
    info.Environment["RateLimits__Api__PermitLimit"] = "100000000";
    app = Process.Start(info)!;
    app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) File.AppendAllText(log, e.Data + "\n"); };
    app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) File.AppendAllText(log, e.Data + "\n"); };
    app.BeginOutputReadLine();
    app.BeginErrorReadLine();
    using var probe = new HttpClient();
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromMinutes(2))
    {
        if (app.HasExited) break;
        try { if ((await probe.GetAsync($"{baseUrl}/health")).StatusCode == HttpStatusCode.OK) return; }
        catch (HttpRequestException) { }
        await Task.Delay(100);
    }
    throw new InvalidOperationException($"The app did not start; see {log}");
}

async Task<(string Integrity, string JournalMode, string Synchronous)> FileStateAsync()
{
    if (postgreSql)
    {
        // PostgreSQL recovers from its own WAL; no integrity_check of a file. What the server commits with is shown instead.
        await using var pg = new Npgsql.NpgsqlConnection(benchConnection);
        await pg.OpenAsync();
        async Task<string> Show(string setting)
        {
            await using var command = new Npgsql.NpgsqlCommand($"SHOW {setting}", pg);
            return (string)(await command.ExecuteScalarAsync())!;
        }
        return ("n/a", $"fsync={await Show("fsync")}", $"synchronous_commit={await Show("synchronous_commit")}");
    }
    await using var sqlite = new SqliteConnection(benchConnection);
    await sqlite.OpenAsync();
    async Task<string> Pragma(string sql)
    {
        await using var command = sqlite.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetValue(0).ToString()!);
        return string.Join("; ", lines);
    }
    return (await Pragma("PRAGMA integrity_check;"), await Pragma("PRAGMA journal_mode;"), await Pragma("PRAGMA synchronous;"));
}

Console.WriteLine($"LiveOrders durability: {rounds} rounds, {rate} writes/s, kill -9 after 2–6 s; database {connection}");
await StartAsync();
var prepared = await DurabilitySetup.PrepareAsync(dbFactory, services.GetRequiredService<ApiKeys>());
using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
{
    BaseAddress = new Uri(baseUrl),
    Timeout = TimeSpan.FromSeconds(30),
};
client.DefaultRequestHeaders.Add("X-Api-Key", prepared.ApiKey);
var commentOn = new List<int>();
for (var i = 0; i < 10; i++)
{
    var created = await client.PostAsync("/api/v1/orders", JsonContent.Create(new
    {
        title = $"Поручение для комментариев {i + 1}", departmentIds = new[] { prepared.DepartmentId }, dueAt = DateTimeOffset.UtcNow.AddDays(30),
    }));
    created.EnsureSuccessStatusCode();
    var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    commentOn.Add(body[0].GetProperty("id").GetInt32());
}
var state = await FileStateAsync();
Console.WriteLine($"journal_mode={state.JournalMode}, synchronous={state.Synchronous} (0 off, 1 normal, 2 full, 3 extra), as a new connection has it");
Console.WriteLine();

// A process just started compiles each path on first use: under a flood at once it answered nothing for seconds (seen:
// rounds with 0 of 900 writes answered before the kill), which proves nothing. A few writes one after another first.
async Task WarmUpAsync(int round)
{
    for (var i = 0; i < 30; i++)
    {
        using var response = i % 5 == 0
            ? await client.PostAsync("/api/v1/orders", JsonContent.Create(new
            {
                title = $"Разогрев {round}.{i}", departmentIds = new[] { prepared.DepartmentId }, dueAt = DateTimeOffset.UtcNow.AddDays(30),
            }))
            : await client.PostAsync($"/api/v1/orders/{commentOn[i % commentOn.Count]}/comments", JsonContent.Create(new { text = $"Разогрев {round}.{i}" }));
        response.EnsureSuccessStatusCode();
    }
}

var load = new ApiWriteLoad(client, prepared.DepartmentId, commentOn);
var results = new List<(string Round, IReadOnlyList<ApiWriteLoad.Write> Writes)>();
var total = new int[6];
var failures = 0;
var allTime = Stopwatch.StartNew();
for (var r = 1; r <= rounds; r++)
{
    await WarmUpAsync(r);
    var round = $"r{r}";
    var killAfter = TimeSpan.FromMilliseconds(random.Next(2000, 6001));
    using var stop = new CancellationTokenSource();
    var running = load.RunAsync(round, rate, stop.Token);
    await Task.Delay(killAfter);
    app!.Kill(); // SIGKILL on Linux: no shutdown, no flush, nothing the app can do
    stop.Cancel();
    var writes = await running;
    await app.WaitForExitAsync();
    var killedPid = app.Id;
    app.Dispose();

    var restart = Stopwatch.StartNew();
    await StartAsync();
    var restartedIn = restart.Elapsed;
    var outcome = await ApiWriteLoad.CheckAsync(dbFactory, round, writes);
    var integrity = (await FileStateAsync()).Integrity;
    results.Add((round, writes));
    var rateSeen = writes.Count / killAfter.TotalSeconds;
    Console.WriteLine($"round {r,2}: killed pid {killedPid} after {killAfter.TotalSeconds:0.0} s ({rateSeen:0}/s)  {outcome}  "
        + $"integrity_check={integrity}  restart {restartedIn.TotalSeconds:0.0} s");
    foreach (var text in outcome.MissingTexts.Take(10)) Console.WriteLine($"    MISSING: {text}");
    total[0] += outcome.Sent; total[1] += outcome.Acknowledged; total[2] += outcome.Found; total[3] += outcome.Missing;
    total[4] += outcome.ExtraUnacknowledged; total[5] += outcome.Doubles;
    if (outcome.Missing > 0 || outcome.Doubles > 0 || (!postgreSql && integrity != "ok")) failures++;
}

// Every round again at the end: nothing acknowledged in an earlier round went missing in a later crash.
var lateMissing = 0;
foreach (var (round, writes) in results) lateMissing += (await ApiWriteLoad.CheckAsync(dbFactory, round, writes)).Missing;
app!.Kill();
await app.WaitForExitAsync();

Console.WriteLine();
Console.WriteLine($"total: sent {total[0]}  acknowledged {total[1]}  found {total[2]}  missing {total[3]}  "
    + $"present-unacknowledged {total[4]}  doubles {total[5]}; rounds failed {failures} of {rounds}; "
    + $"missing on the final re-check of all rounds {lateMissing}; {allTime.Elapsed.TotalSeconds:0} s");
if (failures == 0 && lateMissing == 0) Directory.Delete(work, recursive: true);
else Console.WriteLine($"kept for a look: {work} (the database and app.log)");
return failures == 0 && lateMissing == 0 ? 0 : 1;
