using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LiveOrders.Core.Live.Postgres;

/// <summary>What the feed's health check reports.</summary>
public sealed record FeedState(bool Connected, DateTime Since, long LastId, double? LagMs, string? LastError, int Reconnects);

/// <summary>
/// The live feed across nodes, over PostgreSQL. A change is written to a journal table and its id sent with
/// <c>pg_notify</c> in the transaction that makes it (<see cref="RecordAsync"/>), so other nodes hear of it when, and only
/// if, it commits; this node's own screens get it from <see cref="Publish"/> after the commit, through the same
/// per-subscriber queues as in one process (<see cref="InProcessLiveFeed"/>).
/// <para>
/// Each node holds one listening connection (with TCP keepalive). A notification only rings the bell: the node reads
/// the journal after the last id it delivered, in id order, and hands other nodes' rows to its subscribers. When the
/// connection breaks it reconnects with backoff and reads what it missed; if that was already pruned, its screens all
/// reload (<see cref="OrderChangeKind.Resync"/>) and <see cref="Gap"/> is raised: it never silently shows stale state.
/// </para>
/// <para>
/// Other cross-node state rides the same connection (<see cref="ClusterRelay"/>): journal rows of other kinds
/// (<see cref="Broadcast"/>, <see cref="On"/>), and short-lived signals on a second channel that are not journalled
/// (<see cref="Signal"/>, <see cref="Signalled"/>: presence, which heals by heartbeats instead).
/// </para>
/// </summary>
public sealed class PostgresLiveFeed : ILiveFeed, IAsyncDisposable
{
    public const string OrderKind = "order";
    private const int Batch = 500;

    private readonly InProcessLiveFeed _local;
    private readonly NpgsqlDataSource _data;
    private readonly string _listenConnectionString;
    private readonly PostgresFeedOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Action<string>> _handlers = new(StringComparer.Ordinal);
    private readonly Channel<byte> _doorbell = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;
    private Task[] _loops = [];
    private long _lastId = -1;
    private int _disposed;
    // The listen loop owns the connection's state, the reader the delivery's: separate fields, so neither overwrites the other.
    private readonly object _stateGate = new();
    private (bool Connected, DateTime Since, string? LastError, int Reconnects) _connection;
    private (long LastId, double? LagMs) _delivery;
    private volatile int _listenPid;

    private sealed record Outgoing(bool Journal, string KindOrChannel, string Body);

    public PostgresLiveFeed(string connectionString, InProcessLiveFeed local, PostgresFeedOptions options, TimeProvider clock, ILogger<PostgresLiveFeed> logger)
    {
        _local = local;
        _options = options;
        _clock = clock;
        _logger = logger;
        _data = NpgsqlDataSource.Create(connectionString);
        // Its own connection, never pooled: it holds the LISTEN, and the keepalive notices a dead peer while idle.
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = options.KeepAliveSeconds,
            TcpKeepAlive = true,
            ApplicationName = "liveorders-feed",
        }.ConnectionString;
        _connection = (false, clock.GetUtcNow().UtcDateTime, null, 0);
    }

    /// <summary>This node, as written on its journal rows and signals (a process's lifetime).</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

    public FeedState State
    {
        get
        {
            lock (_stateGate)
                return new FeedState(_connection.Connected, _connection.Since, _delivery.LastId, _delivery.LagMs, _connection.LastError,
                    _connection.Reconnects);
        }
    }

    /// <summary>This node's subscribers (open screens and services).</summary>
    public int SubscriberCount => _local.SubscriberCount;

    /// <summary>The listening connection's server process (for tests that cut it).</summary>
    public int ListenBackendPid => _listenPid;

    /// <summary>Raised after a gap (journal rows missed for good), once the screens were told to reload.</summary>
    public event Action? Gap;

    /// <summary>Raised each time the listening connection is (re)established and caught up.</summary>
    public event Action? Connected;

    /// <summary>Raised for each signal on the presence channel, this node's own included.</summary>
    public event Action<string>? Signalled;

    /// <summary>Handles journal rows of <paramref name="kind"/> written by other nodes. Register before start.</summary>
    public void On(string kind, Action<string> handler) => _handlers[kind] = handler;

    public void Publish(OrderChanged change) => _local.Publish(change);

    public IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler) => _local.Subscribe(filter, handler);

    public bool RecordsInTransaction => true;

    public async ValueTask RecordAsync(DbContext db, OrderChanged change, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not NpgsqlTransaction tx || tx.Connection is not { } connection)
            throw new InvalidOperationException("A change is recorded inside the PostgreSQL transaction that makes it.");
        await EnsureSchemaAsync(ct);
        await using var command = new NpgsqlCommand(FeedJournal.Insert, connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = Node });
        command.Parameters.Add(new NpgsqlParameter { Value = OrderKind });
        command.Parameters.Add(new NpgsqlParameter { Value = LiveJson.Write(change) });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Journals <paramref name="body"/> for the other nodes in a transaction of its own, soon (in order, never blocking).</summary>
    public void Broadcast(string kind, string body) => _outgoing.Writer.TryWrite(new Outgoing(true, kind, body));

    /// <summary>Sends a short-lived signal (under 8000 bytes) on the presence channel, not journalled.</summary>
    public void Signal(string body) => _outgoing.Writer.TryWrite(new Outgoing(false, FeedJournal.PresenceChannel, body));

    /// <summary>Creates the journal if missing, starts after its last row, and listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loops.Length > 0) return;
        // Tries here once, so that a node whose database is ready starts caught up; the listen loop retries otherwise.
        try
        {
            await EnsureSchemaAsync(cancellationToken);
            await using var connection = await _data.OpenConnectionAsync(cancellationToken);
            await using var start = new NpgsqlCommand(FeedJournal.Start, connection);
            _lastId = (long)(await start.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            _logger.LogWarning(e, "Live feed: the database is not reachable yet; listening will keep trying");
        }
        _loops = [Task.Run(ListenAsync), Task.Run(PullAsync), Task.Run(SendAsync), Task.Run(PruneAsync)];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop.IsCancellationRequested) return;
        // What is queued (a goodbye, a revocation) goes out first, for a moment at most.
        _outgoing.Writer.TryComplete();
        if (_loops.Length > 0)
        {
            try { await _loops[2].WaitAsync(TimeSpan.FromSeconds(2), cancellationToken); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
        }
        await _stop.CancelAsync();
        try { await Task.WhenAll(_loops).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        // Once: the container disposes it both as itself and as ILiveFeed.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await StopAsync(CancellationToken.None);
        await _data.DisposeAsync();
        _stop.Dispose();
    }

    private async Task EnsureSchemaAsync(CancellationToken ct)
    {
        if (_schemaReady) return;
        await _schemaGate.WaitAsync(ct);
        try
        {
            if (_schemaReady) return;
            await using var connection = await _data.OpenConnectionAsync(ct);
            await using var create = new NpgsqlCommand(FeedJournal.Create, connection);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation)
            {
                // Two nodes created the tables at the same instant (CREATE IF NOT EXISTS races in the catalogue): the other one won.
            }
            _schemaReady = true;
        }
        finally { _schemaGate.Release(); }
    }

    private async Task ListenAsync()
    {
        var ct = _stop.Token;
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await EnsureSchemaAsync(ct);
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == FeedJournal.Channel) _doorbell.Writer.TryWrite(0);
                    else Raise(Signalled, e.Payload);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {FeedJournal.Channel}; LISTEN {FeedJournal.PresenceChannel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                _listenPid = connection.ProcessID;
                if (Interlocked.Read(ref _lastId) < 0)
                {
                    await using var start = new NpgsqlCommand(FeedJournal.Start, connection);
                    Interlocked.Exchange(ref _lastId, (long)(await start.ExecuteScalarAsync(ct))!);
                }
                lock (_stateGate) _connection = (true, Now, null, _connection.Reconnects);
                backoff = TimeSpan.FromMilliseconds(100);
                // Whatever committed while nobody listened (or before the LISTEN took hold) is read now.
                _doorbell.Writer.TryWrite(0);
                Raise(Connected);
                _logger.LogInformation("Live feed listening as node {Node} after id {LastId}", Node, Interlocked.Read(ref _lastId));
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                bool wasConnected;
                lock (_stateGate)
                {
                    wasConnected = _connection.Connected;
                    _connection = (false, wasConnected ? Now : _connection.Since, e.Message, _connection.Reconnects + 1);
                }
                if (wasConnected) _logger.LogWarning(e, "Live feed lost its listening connection; reconnecting");
                try { await Task.Delay(backoff, _clock, ct); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>One reader of the journal, woken by the doorbell: rows are delivered once each, in id order.</summary>
    private async Task PullAsync()
    {
        var ct = _stop.Token;
        try
        {
            await foreach (var _ in _doorbell.Reader.ReadAllAsync(ct))
            {
                try
                {
                    while (await ReadAfterAsync(ct)) { }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The listen loop rings again when it has reconnected; nothing was skipped (the last id did not move).
                    _logger.LogWarning(e, "Live feed could not read the journal");
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Reads and delivers one batch after the last id; true when there may be more.</summary>
    private async Task<bool> ReadAfterAsync(CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastId);
        if (last < 0) return false;
        await using var connection = await _data.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(FeedJournal.After, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        command.Parameters.Add(new NpgsqlParameter { Value = Batch });
        var rows = new List<(long Id, string Node, string Kind, string Body, double LagMs)>();
        long pruned = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                pruned = reader.GetInt64(0);
                if (reader.IsDBNull(1)) continue;
                rows.Add((reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Convert.ToDouble(reader.GetValue(5))));
            }
        }
        if (pruned > last)
        {
            // Rows after what this node delivered were pruned before it read them: what its screens show may be stale.
            _logger.LogWarning("Live feed missed journal rows {From}..{To} (pruned while away): every screen reloads", last + 1, pruned);
            Interlocked.Exchange(ref _lastId, pruned);
            _local.Resync(Now);
            Raise(Gap);
        }
        foreach (var row in rows)
        {
            Interlocked.Exchange(ref _lastId, row.Id);
            lock (_stateGate) _delivery = (row.Id, row.LagMs);
            if (row.Node == Node) continue;
            try
            {
                if (row.Kind == OrderKind) _local.Publish(LiveJson.Read<OrderChanged>(row.Body));
                else if (_handlers.TryGetValue(row.Kind, out var handler)) handler(row.Body);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Live feed could not deliver journal row {Id} ({Kind})", row.Id, row.Kind);
            }
        }
        return rows.Count == Batch;
    }

    /// <summary>One sender of broadcasts and signals, in the order given; a journal row that fails is tried again.</summary>
    private async Task SendAsync()
    {
        var ct = _stop.Token;
        try
        {
            await foreach (var item in _outgoing.Reader.ReadAllAsync(ct))
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await EnsureSchemaAsync(ct);
                        await using var connection = await _data.OpenConnectionAsync(ct);
                        await using var command = item.Journal
                            ? new NpgsqlCommand(FeedJournal.Insert, connection)
                            {
                                Parameters = { new() { Value = Node }, new() { Value = item.KindOrChannel }, new() { Value = item.Body } },
                            }
                            : new NpgsqlCommand(FeedJournal.Notify, connection)
                            {
                                Parameters = { new() { Value = item.KindOrChannel }, new() { Value = item.Body } },
                            };
                        await command.ExecuteNonQueryAsync(ct);
                        break;
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        // A signal is repeated by the next heartbeat anyway; a journal row is worth a few tries.
                        if (!item.Journal || attempt >= 10)
                        {
                            _logger.LogWarning(e, "Live feed dropped a {Kind} message", item.KindOrChannel);
                            break;
                        }
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _clock, ct);
                    }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task PruneAsync()
    {
        var ct = _stop.Token;
        using var timer = new PeriodicTimer(_options.PruneEvery, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await PruneNowAsync(_options.Keep, ct); }
                catch (Exception e) when (!ct.IsCancellationRequested) { _logger.LogWarning(e, "Live feed could not prune its journal"); }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Removes journal rows older than <paramref name="olderThan"/> (every node prunes; it does no harm twice).</summary>
    public async Task PruneNowAsync(TimeSpan olderThan, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await _data.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(FeedJournal.Prune, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = olderThan.TotalSeconds });
        await command.ExecuteNonQueryAsync(ct);
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private void Raise(Action? handlers)
    {
        try { handlers?.Invoke(); }
        catch (Exception e) { _logger.LogError(e, "Live feed handler failed"); }
    }

    private void Raise(Action<string>? handlers, string payload)
    {
        try { handlers?.Invoke(payload); }
        catch (Exception e) { _logger.LogError(e, "Live feed handler failed"); }
    }
}
