using System.Diagnostics;
using Npgsql;

namespace LiveOrders.Tests.Support;

/// <summary>
/// A real PostgreSQL server (Debian's package, <c>apt-get install postgresql</c>) on 127.0.0.1, in a temporary folder of
/// its own: <c>initdb</c> with trust authentication, then <c>postgres</c> in the foreground as this process's child.
/// <c>initdb</c> refuses to run as root, so as root both run as the <c>postgres</c> user (<c>runuser</c>).
/// One server is shared by a test run (<see cref="SharedAsync"/>); each test takes databases of its own from it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? _shared;

    private readonly string _directory;
    private Process? _process;
    private readonly List<string> _output = [];

    /// <summary>The server's last lines of log, for a failure's message.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output.TakeLast(40)); } }

    private PostgresServer(string directory, int port, bool durable)
    {
        _directory = directory;
        Port = port;
        Durable = durable;
    }

    public int Port { get; }
    /// <summary>Whether commits reach the disk (fsync on): off for ordinary tests, on for the durability proof.</summary>
    public bool Durable { get; }
    public string DataDirectory => Path.Combine(_directory, "data");
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>The server's binaries: the newest major version Debian installed.</summary>
    public static string BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(Directory.Exists)
                ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)")
            : throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)");

    /// <summary>The server every test of this run shares (started on first use, stopped when the process exits).</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.Stop();
            }
            return _shared;
        }
        finally { SharedGate.Release(); }
    }

    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var directory = Directory.CreateTempSubdirectory("liveorders-pg-").FullName;
        var server = new PostgresServer(directory, Ports.Free(), durable);
        try
        {
            if (IsRoot) await RunAsync(false, "/usr/bin/chown", "postgres:postgres", directory);
            await RunAsync(true, Path.Combine(BinDirectory, "initdb"), "-D", server.DataDirectory, "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again on the same data and port (after <see cref="Kill"/>).</summary>
    public async Task StartProcessAsync()
    {
        string[] arguments =
        [
            "-D", DataDirectory, "-p", Port.ToString(), "-k", _directory, "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB",
            "-c", $"fsync={(Durable ? "on" : "off")}", "-c", $"synchronous_commit={(Durable ? "on" : "off")}",
            "-c", $"full_page_writes={(Durable ? "on" : "off")}",
        ];
        // A watchdog shell around the server stops it when this test process is gone, however it ended (a killed test
        // host runs no exit handlers), so no server outlives its run.
        var server = string.Join(' ', new[] { Path.Combine(BinDirectory, "postgres") }.Concat(arguments).Select(a => $"'{a}'"));
        var watchdog = $"{server} & pg=$!; while [ -d /proc/{Environment.ProcessId} ] && kill -0 $pg 2>/dev/null; do sleep 1; done; kill -INT $pg 2>/dev/null; wait $pg; [ -d /proc/{Environment.ProcessId} ] || rm -rf '{_directory}'";
        _process = Start(true, "/bin/sh", ["-c", watchdog], _output);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on port {Port}:\n{Output}", e);
            }
        }
    }

    /// <summary>A new, empty database on this server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30";

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends the server as a crash would (SIGKILL to the postmaster): nothing is flushed on the way out.</summary>
    public void Kill()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        Signal("-KILL", pidFile);
        _process?.WaitForExit(10_000);
        // The postmaster's children notice it is gone and exit; wait for them, or a restart finds the port in use.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (File.Exists(pidFile) && DateTime.UtcNow < deadline && PostmasterAlive(pidFile)) Thread.Sleep(50);
        _process = null;
    }

    private static void Signal(string signal, string pidFile)
    {
        if (!File.Exists(pidFile)) return;
        using var kill = Process.Start("/bin/kill", [signal, File.ReadLines(pidFile).First().Trim()]);
        kill.WaitForExit();
    }

    private static bool PostmasterAlive(string pidFile)
    {
        try
        {
            var pid = int.Parse(File.ReadLines(pidFile).First());
            return Directory.Exists($"/proc/{pid}");
        }
        catch (Exception) { return false; }
    }

    private void Stop()
    {
        if (_process is null || _process.HasExited) return;
        // SIGINT to the postmaster: PostgreSQL's fast shutdown.
        Signal("-INT", Path.Combine(DataDirectory, "postmaster.pid"));
        if (!_process.WaitForExit(10_000)) _process.Kill(entireProcessTree: true);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Starts <paramref name="program"/>, as the postgres user when this process is root and <paramref name="asPostgres"/>.</summary>
    private static Process Start(bool asPostgres, string program, IEnumerable<string> arguments, List<string> output)
    {
        var info = IsRoot && asPostgres ? new ProcessStartInfo("/usr/sbin/runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(bool asPostgres, string program, params string[] arguments)
    {
        var output = new List<string>();
        using var process = Start(asPostgres, program, arguments, output);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{string.Join('\n', output)}");
    }
}
