using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace LiveOrders.Tests.Support;

/// <summary>
/// Two app nodes (<see cref="AppProcess"/>es, Production) behind a real nginx (Debian's, <c>/usr/sbin/nginx</c>) rendered from
/// <c>deploy/nginx/liveorders.conf.template</c> — the same config <c>deploy/two-nodes.sh</c> runs — with a Redis for the hub's
/// backplane; all on 127.0.0.1, nginx as this process's child in a temporary prefix of its own.
/// By default both nodes share node A's SQLite file; <see cref="StartOnPostgreSqlAsync"/> puts them on one PostgreSQL database.
/// Node A starts first (it migrates and seeds), then B.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("liveorders-nginx-").FullName;
    private Process? _nginx;
    private readonly List<string> _nginxOutput = [];

    public AppProcess A { get; private set; } = default!;
    public AppProcess B { get; private set; } = default!;
    public RedisServer Redis { get; private set; } = default!;
    public int Port { get; } = Ports.Free();
    /// <summary>The proxy: what people open.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    /// <summary>nginx's access log: each request with the node that answered it (<c>upstream=</c>) and the visitor's node cookie.</summary>
    public string AccessLogPath => Path.Combine(_prefix, "access.log");

    /// <summary>The node nginx's cookie <c>lo_node</c> names: "a" or "b".</summary>
    public AppProcess Node(string name) => name switch { "a" => A, "b" => B, _ => throw new ArgumentOutOfRangeException(nameof(name), name) };

    /// <summary>On PostgreSQL: the nodes' common connection string (a database of their own on the run's shared server), else null.</summary>
    public string? PostgreSqlConnectionString { get; private set; }

    public static async Task<TwoNodes> StartAsync(Dictionary<string, string>? settings = null)
    {
        var nodes = new TwoNodes();
        try
        {
            await nodes.StartAllAsync(settings ?? []);
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Both nodes on one new, empty PostgreSQL database of the run's shared server (<see cref="PostgresServer.SharedAsync"/>):
    /// node A migrates and seeds it as on a first start, live changes cross between the nodes through LISTEN/NOTIFY.
    /// The database is dropped with the nodes.
    /// </summary>
    public static async Task<TwoNodes> StartOnPostgreSqlAsync(Dictionary<string, string>? settings = null)
    {
        var nodes = new TwoNodes();
        try
        {
            nodes.PostgreSqlConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
            var all = new Dictionary<string, string>(settings ?? [])
            {
                ["Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__LiveOrders"] = nodes.PostgreSqlConnectionString,
            };
            await nodes.StartAllAsync(all);
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection to the nodes' PostgreSQL database, to check what they recorded.</summary>
    public async Task<Npgsql.NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(PostgreSqlConnectionString ?? throw new InvalidOperationException("The nodes are not on PostgreSQL."));
        await connection.OpenAsync();
        return connection;
    }

    private async Task StartAllAsync(Dictionary<string, string> settings)
    {
        Redis = await RedisServer.StartAsync();
        var common = new Dictionary<string, string>(settings)
        {
            ["Redis__Configuration"] = Redis.Configuration,
            // The audit's client addresses come from nginx's X-Forwarded-For, believed from the proxy alone.
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        };
        A = await AppProcess.StartAsync(new Dictionary<string, string>(common));
        // One database and one attachment store for both (unless settings name another database).
        var forB = new Dictionary<string, string>(common) { ["Attachments__StoragePath"] = A.AttachmentsPath };
        forB.TryAdd("ConnectionStrings__LiveOrders", $"Data Source={A.DatabasePath}");
        B = await AppProcess.StartAsync(forB);
        await StartNginxAsync();
    }

    private async Task StartNginxAsync()
    {
        string Address(AppProcess node) => $"127.0.0.1:{node.Port}";
        var config = (await File.ReadAllTextAsync(TemplatePath()))
            .Replace("@LISTEN@", $"127.0.0.1:{Port}")
            .Replace("@NODE_A_RE@", Regex.Escape(Address(A))).Replace("@NODE_B_RE@", Regex.Escape(Address(B)))
            .Replace("@NODE_A@", Address(A)).Replace("@NODE_B@", Address(B))
            .Replace("@PREFIX@", _prefix);
        var configPath = Path.Combine(_prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);
        var info = new ProcessStartInfo("/usr/sbin/nginx", ["-p", _prefix, "-c", configPath, "-e", "stderr", "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _nginx = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start (apt-get install nginx)");
        _nginx.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_nginxOutput) _nginxOutput.Add(e.Data); };
        _nginx.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_nginxOutput) _nginxOutput.Add(e.Data); };
        _nginx.BeginOutputReadLine();
        _nginx.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_nginx.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"nginx did not answer at {BaseUrl}:\n{NginxOutput}");
    }

    public string NginxOutput { get { lock (_nginxOutput) return string.Join('\n', _nginxOutput.TakeLast(40)); } }

    /// <summary>Node A dies at once (SIGKILL), as with <c>kill -9</c>.</summary>
    public Task KillNodeAAsync() => A.StopAsync();

    /// <summary>The named node ("a" or "b") dies at once (SIGKILL).</summary>
    public Task KillNodeAsync(string name) => Node(name).StopAsync();

    /// <summary>nginx's access log lines so far.</summary>
    public IReadOnlyList<string> AccessLog() =>
        File.Exists(AccessLogPath) ? File.ReadAllLines(AccessLogPath) : [];

    private static string TemplatePath()
    {
        var testDir = AppContext.BaseDirectory;
        var marker = $"{Path.DirectorySeparatorChar}LiveOrders.Tests{Path.DirectorySeparatorChar}";
        var root = testDir[..testDir.LastIndexOf(marker, StringComparison.Ordinal)];
        return Path.Combine(root, "deploy", "nginx", "liveorders.conf.template");
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            if (!_nginx.HasExited)
            {
                _nginx.Kill(entireProcessTree: true);
                await _nginx.WaitForExitAsync();
            }
            _nginx.Dispose();
        }
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (PostgreSqlConnectionString is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await (await PostgresServer.SharedAsync()).DropDatabaseAsync(PostgreSqlConnectionString);
        }
        try { Directory.Delete(_prefix, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
