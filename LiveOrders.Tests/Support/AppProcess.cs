using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace LiveOrders.Tests.Support;

/// <summary>
/// The real app as a separate Kestrel process on 127.0.0.1, on its own SQLite file with the demo
/// municipality, as a user starts it. It can be stopped and started again on the same port and data.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"liveorders-browser-{Guid.NewGuid():N}.db");
    private readonly Dictionary<string, string> _settings;
    private Process? _process;
    private readonly List<string> _output = [];

    public int Port { get; } = Ports.Free();
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    /// <summary>This instance's SQLite file, for a second instance over the same data (another node); on PostgreSQL use <see cref="ConnectionString"/>.</summary>
    public string DatabasePath => _database;
    /// <summary>The app's own attachment store, removed with it.</summary>
    public string AttachmentsPath { get; } = Path.Combine(Path.GetTempPath(), $"liveorders-browser-files-{Guid.NewGuid():N}");

    /// <summary>Environment variables for the process, applied at each start (change them between a stop and a start).</summary>
    public IDictionary<string, string> Settings => _settings;

    private AppProcess(Dictionary<string, string>? settings) => _settings = settings ?? [];

    public static async Task<AppProcess> StartAsync(Dictionary<string, string>? settings = null)
    {
        var app = new AppProcess(settings);
        await app.StartAsync();
        return app;
    }

    private string? _postgreSql;

    /// <summary>
    /// This instance's connection string: its SQLite file, or on PostgreSQL (<see cref="TestProvider"/>) an empty database of
    /// its own, made at the first start (the app migrates and seeds it as on a first start) and dropped with it.
    /// </summary>
    public string ConnectionString => _postgreSql ?? $"Data Source={_database}";

    public async Task StartAsync()
    {
        if (TestProvider.IsPostgreSql) _postgreSql ??= await TestProvider.CreatePostgreSqlAsync(empty: true);
        var (exe, contentRoot) = Locate();
        var info = new ProcessStartInfo(exe)
        {
            ArgumentList = { "--urls", BaseUrl, "--contentRoot", contentRoot },
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Production, as a new user starts it from the README (no developer error details in the browser).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = TestProvider.SettingValue;
        info.Environment["ConnectionStrings__LiveOrders"] = ConnectionString;
        info.Environment["Attachments__StoragePath"] = AttachmentsPath;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__LiveOrders"] = "Debug";
        // All browser tests sign in from 127.0.0.1; the per-address limit has its own tests.
        info.Environment["RateLimits__SignIn__PermitLimit"] = "100000";
        foreach (var (key, value) in _settings) info.Environment[key] = value;

        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {exe}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The app did not start at {BaseUrl}:\n{Output}");
    }

    /// <summary>
    /// Runs the app's executable once with <paramref name="args"/> (a command such as <c>backup</c>) over the same
    /// database and settings, and returns its exit code and what it printed.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args)
    {
        var (exe, contentRoot) = Locate();
        var info = new ProcessStartInfo(exe) { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(contentRoot);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = TestProvider.SettingValue;
        info.Environment["ConnectionStrings__LiveOrders"] = ConnectionString;
        foreach (var (key, value) in _settings) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {exe}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    public string Output { get { lock (_output) return string.Join('\n', _output.TakeLast(60)); } }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_postgreSql is not null) await TestProvider.DropPostgreSqlAsync(_postgreSql);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_database + suffix);
        if (Directory.Exists(AttachmentsPath)) Directory.Delete(AttachmentsPath, recursive: true);
    }

    /// <summary>The web project's own build output, next to this test assembly's (same configuration and runtime).</summary>
    private static (string Exe, string ContentRoot) Locate()
    {
        var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var marker = $"{Path.DirectorySeparatorChar}LiveOrders.Tests{Path.DirectorySeparatorChar}";
        var at = testDir.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"Unexpected test directory {testDir}");
        var root = testDir[..at];
        var webDir = Path.Combine(root, "LiveOrders.Web");
        var outDir = Path.Combine(webDir, testDir[(at + marker.Length)..]);
        var exe = Path.Combine(outDir, OperatingSystem.IsWindows() ? "LiveOrders.Web.exe" : "LiveOrders.Web");
        if (!File.Exists(exe)) throw new FileNotFoundException("Build the solution first: the web app is missing.", exe);
        return (exe, webDir);
    }

}
