using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LiveOrders.Core.Cluster;

/// <summary>
/// Leases as PostgreSQL session-level advisory locks (<c>pg_try_advisory_lock</c>), one dedicated connection per job,
/// held for as long as this node runs the job. The lock lives and dies with the session: when the node dies
/// (<c>kill -9</c> closes its sockets) or its connection breaks, PostgreSQL frees the lock, and a node that tries every
/// <see cref="RetryEvery"/> takes it over within seconds.
/// <para>
/// The holder watches its connection without pause: it waits on the socket (<c>WaitAsync</c>), so a session the server
/// ends (restart, <c>pg_terminate_backend</c>, the server killed) is noticed the moment it happens, and every
/// <see cref="CheckEvery"/> it sends a <c>SELECT 1</c> with a short timeout, which catches a connection that went silent
/// (a network cut sends nothing). TCP keepalive on both ends lets each side drop a silent peer within seconds
/// rather than hours; without it the server would keep a cut-off node's lock for the kernel's two hours.
/// </para>
/// <para>
/// What a lock cannot give: between the server freeing a lock and the old holder noticing it, both nodes may run the
/// job for a moment (at most until the holder's next read fails; at once when the server ended the session, up to
/// <see cref="CheckEvery"/> plus the ping's timeout on a silent network cut). The jobs are therefore written so that a
/// second writer changes nothing: see <see cref="ClusterJob{TJob}"/>.
/// </para>
/// </summary>
public sealed class PostgresClusterLock(string connectionString, ILogger<PostgresClusterLock> logger) : IClusterLock
{
    private readonly ConcurrentDictionary<string, LeaseStatus> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _tries = new(StringComparer.Ordinal);
    // When this node last lost each lease (Environment.TickCount64).
    private readonly ConcurrentDictionary<string, long> _lostAt = new(StringComparer.Ordinal);

    /// <summary>How often a node without the lease tries for it.</summary>
    public TimeSpan RetryEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the holder pings its connection (it also notices a closed one at once, between pings).</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The advisory lock key of a job: the first 8 bytes of SHA-256 over its name, the same on every node and in every
    /// version (string.GetHashCode is randomised per process). Advisory locks are per database, so two databases on one
    /// server never meet.
    /// </summary>
    public static long KeyOf(string job) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("LiveOrders.ClusterJob:" + job)));

    /// <summary>The application name a lease connection shows in <c>pg_stat_activity</c> (to an administrator, and to tests).</summary>
    public static string ApplicationNameOf(string job) => $"LiveOrders lease {job}"[..Math.Min(63, 17 + job.Length)];

    /// <summary>How many times this node has tried for the job's lease and found it held elsewhere (for tests).</summary>
    public int RefusedTries(string job) => _tries.GetValueOrDefault(job);

    public IReadOnlyList<LeaseStatus> Status() => [.. _status.Values.OrderBy(s => s.Job, StringComparer.Ordinal)];

    public async Task<ClusterLease> AcquireAsync(string job, CancellationToken ct)
    {
        var key = KeyOf(job);
        _status[job] = new LeaseStatus(job, false, false);
        // A node that has just lost a lease lets a node that waits for it (and tries every RetryEvery) take it first:
        // the loss says something is wrong here, not there. Alone, it takes the lease back after this pause.
        if (_lostAt.TryRemove(job, out var lostAt)
            && TimeSpan.FromMilliseconds(lostAt + 2 * RetryEvery.TotalMilliseconds - Environment.TickCount64) is { } pause && pause > TimeSpan.Zero)
            await Task.Delay(pause, ct);
        NpgsqlConnection? connection = null;
        string? failing = null;
        try
        {
            while (true)
            {
                try
                {
                    connection ??= await OpenAsync(job, ct);
                    if (failing is not null) logger.LogInformation("Lease of {Job}: the database answers again", job);
                    failing = null;
                    await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
                    {
                        command.Parameters.AddWithValue("key", key);
                        if ((bool)(await command.ExecuteScalarAsync(ct))!)
                        {
                            var lease = Hold(job, connection);
                            connection = null;
                            return lease;
                        }
                    }
                    _status[job] = new LeaseStatus(job, false, true);
                    _tries.AddOrUpdate(job, 1, (_, n) => n + 1);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Once per outage, not every two seconds.
                    if (failing != e.Message) logger.LogWarning("Lease of {Job}: cannot reach the database ({Error}); trying again", job, e.Message);
                    failing = e.Message;
                    _status[job] = new LeaseStatus(job, false, false);
                    await CloseQuietlyAsync(connection);
                    connection = null;
                }
                await Task.Delay(RetryEvery, ct);
            }
        }
        finally
        {
            await CloseQuietlyAsync(connection);
        }
    }

    private ClusterLease Hold(string job, NpgsqlConnection connection)
    {
        _status[job] = new LeaseStatus(job, true, true);
        logger.LogInformation("This node holds the lease of {Job}", job);
        var lost = new CancellationTokenSource();
        var release = new CancellationTokenSource();
        var watching = Task.Run(() => WatchAsync(job, connection, lost, release.Token));
        return new ClusterLease(job, lost.Token, async () =>
        {
            await release.CancelAsync();
            await watching;
            // Ending the session frees the lock (pooling is off: the session ends with the connection).
            await CloseQuietlyAsync(connection);
            _status[job] = new LeaseStatus(job, false, true);
            await lost.CancelAsync();
            logger.LogInformation("This node gave up the lease of {Job}", job);
            release.Dispose();
        });
    }

    private async Task WatchAsync(string job, NpgsqlConnection connection, CancellationTokenSource lost, CancellationToken released)
    {
        try
        {
            while (true)
            {
                // Reads the socket while idle: a session ended by the server throws here at once.
                await connection.WaitAsync(CheckEvery, released);
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(released);
            }
        }
        catch (OperationCanceledException) when (released.IsCancellationRequested)
        {
            // Given up by this node (DisposeAsync).
        }
        catch (Exception e)
        {
            _status[job] = new LeaseStatus(job, false, false);
            _lostAt[job] = Environment.TickCount64;
            logger.LogWarning("Lease of {Job} lost, the job stops on this node: {Error}", job, e.Message);
            await CloseQuietlyAsync(connection);
            await lost.CancelAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(string job, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(LeaseConnectionString(connectionString, job));
        try
        {
            await connection.OpenAsync(ct);
            // The server's side of keepalive (its default is the kernel's two hours): a node cut off by the network loses
            // its session, and so its lock, within about 5 + 2 × 3 s.
            await using var keepalive = new NpgsqlCommand(
                "SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3", connection);
            await keepalive.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await CloseQuietlyAsync(connection);
            throw;
        }
    }

    /// <summary>The app's connection string made fit for holding a lock.</summary>
    internal static string LeaseConnectionString(string connectionString, string job) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A pooled connection's session outlives Close, and with it the lock; a broken one must never be reused.
            Pooling = false,
            Multiplexing = false,
            Timeout = 5,
            CommandTimeout = 5,
            TcpKeepAlive = true,
            TcpKeepAliveTime = 5,
            TcpKeepAliveInterval = 2,
            ApplicationName = ApplicationNameOf(job),
        }.ConnectionString;

    private static async ValueTask CloseQuietlyAsync(NpgsqlConnection? connection)
    {
        if (connection is null) return;
        try { await connection.DisposeAsync(); }
        catch (Exception) { /* a broken connection: the session is gone either way */ }
    }
}
