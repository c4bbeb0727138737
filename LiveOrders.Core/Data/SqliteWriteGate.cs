using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveOrders.Core.Data;

/// <summary>
/// Lets the app's own writers to one SQLite file take turns in memory, first come first served, instead of in SQLite's
/// lock. SQLite admits one writer at a time; the others wait in its busy handler, which polls with growing sleeps (up to
/// 100 ms each), so a writer that has waited a while keeps losing the lock to newcomers that poll every millisecond:
/// with 8 writers a tenth of the writes took 150 ms to seconds (bench/throughput). Here a writer waits on a queue and is
/// woken the moment the previous one commits.
/// <para>
/// The turn is taken when a transaction begins (every EF transaction on SQLite is <c>BEGIN IMMEDIATE</c>: it takes the
/// write lock at once) or, outside a transaction, for a single writing statement (<c>ExecuteUpdate</c>), and given back
/// when the transaction commits, rolls back or fails, or at the latest when the connection closes. A save inside an
/// explicit transaction begins none, so it never waits for itself. Reads outside a transaction never take a turn: in WAL
/// they read their snapshot while a writer writes. Other processes (the backup tool, sqlite3) still meet the app in
/// SQLite's lock, where <see cref="SqliteBusyTimeout"/> lets them wait.
/// </para>
/// <para>
/// A writer that waits longer than <see cref="Patience"/> goes on to SQLite without its turn, as before this gate: a flow
/// that writes through a second connection while its first holds a transaction then meets SQLite's busy timeout (and
/// its «database is locked») as it always did, never a wait without end.
/// </para>
/// </summary>
internal sealed class SqliteWriteGate : DbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    /// <summary>As long as SQLite's own busy timeout (<see cref="SqliteBusyTimeout"/>).</summary>
    internal static TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Turns = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<DbConnection, Holder> Holders = new();

    /// <summary>The queue of one database file (by the full path SQLite opened it under).</summary>
    internal static SemaphoreSlim TurnOf(string dataSource) => Turns.GetOrAdd(dataSource, _ => new SemaphoreSlim(1, 1));

    private static readonly ConcurrentDictionary<string, StrongBox<int>> WaitCounts = new(StringComparer.Ordinal);

    /// <summary>How many of the app's writers wait for their turn on this file now (for tests).</summary>
    internal static int Waiting(string dataSource) => Volatile.Read(ref WaitCounts.GetOrAdd(dataSource, _ => new StrongBox<int>()).Value);

    /// <summary>
    /// Whether this connection holds its file's turn, which one (so that it gives back exactly what it took), and whether
    /// for one statement only.
    /// </summary>
    private sealed class Holder
    {
        public SemaphoreSlim? Turn;
        public bool ForStatement;
    }

    private static string DataSource(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.DataSource : connection.DataSource;

    private static bool Holds(DbConnection connection) => Holders.TryGetValue(connection, out var h) && h.Turn is not null;

    private static void Take(DbConnection connection, bool forStatement = false)
    {
        if (Holds(connection)) return;
        var source = DataSource(connection);
        var turn = TurnOf(source);
        if (!turn.Wait(0))
        {
            var waiting = WaitCounts.GetOrAdd(source, _ => new StrongBox<int>());
            Interlocked.Increment(ref waiting.Value);
            try
            {
                if (!turn.Wait(Patience)) return;
            }
            finally
            {
                Interlocked.Decrement(ref waiting.Value);
            }
        }
        var holder = Holders.GetOrCreateValue(connection);
        holder.ForStatement = forStatement;
        holder.Turn = turn;
    }

    private static async Task TakeAsync(DbConnection connection, CancellationToken ct, bool forStatement = false)
    {
        if (Holds(connection)) return;
        var source = DataSource(connection);
        var turn = TurnOf(source);
        if (!turn.Wait(0))
        {
            var waiting = WaitCounts.GetOrAdd(source, _ => new StrongBox<int>());
            Interlocked.Increment(ref waiting.Value);
            try
            {
                if (!await turn.WaitAsync(Patience, ct)) return;
            }
            finally
            {
                Interlocked.Decrement(ref waiting.Value);
            }
        }
        var holder = Holders.GetOrCreateValue(connection);
        holder.ForStatement = forStatement;
        holder.Turn = turn;
    }

    private static void GiveBack(DbConnection? connection)
    {
        if (connection is null || !Holders.TryGetValue(connection, out var holder)) return;
        var turn = Interlocked.Exchange(ref holder.Turn, null);
        turn?.Release();
    }

    // Transactions: the turn from BEGIN to COMMIT/ROLLBACK.

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Take(connection);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken ct = default)
    {
        await TakeAsync(connection, ct);
        return result;
    }

    // After COMMIT the transaction no longer knows its connection: remember it when it begins.
    private static readonly ConditionalWeakTable<DbTransaction, DbConnection> Connections = new();

    private static void GiveBack(DbTransaction transaction)
    {
        if (Connections.TryGetValue(transaction, out var connection)) GiveBack(connection);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Connections.AddOrUpdate(result, connection);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken ct = default)
    {
        Connections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        GiveBack(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        GiveBack(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => GiveBack(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken ct = default)
    {
        GiveBack(transaction);
        return Task.CompletedTask;
    }

    // A writing statement outside a transaction (ExecuteUpdate/ExecuteDelete, raw SQL): the turn for that statement.

    private static bool WritesAlone(DbCommand command) =>
        command.Transaction is null && !Holds(command.Connection!) && IsWrite(command.CommandText);

    internal static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (WritesAlone(command)) Take(command.Connection!, forStatement: true);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (WritesAlone(command)) await TakeAsync(command.Connection!, ct, forStatement: true);
        return result;
    }

    // Given back after the statement, unless a transaction of this connection holds the turn (it gives it back itself).
    private static void AfterStatement(DbCommand command)
    {
        if (command.Connection is { } connection && Holders.TryGetValue(connection, out var holder) && holder.ForStatement) GiveBack(connection);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (WritesAlone(command)) Take(command.Connection!, forStatement: true);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (WritesAlone(command)) await TakeAsync(command.Connection!, ct, forStatement: true);
        return result;
    }

    // A writing statement read as rows (INSERT … RETURNING) commits when its reader is done.
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        AfterStatement(command);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        AfterStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        AfterStatement(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => AfterStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken ct = default)
    {
        AfterStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => AfterStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken ct = default)
    {
        AfterStatement(command);
        return Task.CompletedTask;
    }

    // The last word: a transaction disposed without commit or rollback (SQLite rolls it back) gives its turn back when
    // EF closes the connection it opened for it.

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => GiveBack(connection);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        GiveBack(connection);
        return Task.CompletedTask;
    }
}
