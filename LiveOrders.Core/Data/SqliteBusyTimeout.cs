using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveOrders.Core.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (it retries within milliseconds), instead of failing at once
/// and leaving the retry to Microsoft.Data.Sqlite, which sleeps 150 ms between tries. Under a stream of
/// writes those sleeps starve a writer for seconds: the deadline watcher recorded orders 1–3 s late.
/// The app's own writers no longer meet each other here (<see cref="SqliteWriteGate"/> queues them); this wait is for
/// a writer of another process (sqlite3, a backup) and for the gate's fallback.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(ct);
    }
}
