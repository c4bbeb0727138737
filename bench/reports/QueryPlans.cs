using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveOrders.Bench.Reports;

/// <summary>
/// With <c>--plans</c>: before each query EF sends, prints its SQL and SQLite's <c>EXPLAIN QUERY PLAN</c> for it (same
/// connection, same parameters), and after it the time it took, so a slow report shows where it scans a table instead of searching an index.
/// </summary>
internal sealed class QueryPlans(TextWriter output) : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command is SqliteCommand sqlite && sqlite.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            await using var explain = sqlite.Connection!.CreateCommand();
            explain.Transaction = sqlite.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + sqlite.CommandText;
            foreach (SqliteParameter p in sqlite.Parameters) explain.Parameters.AddWithValue(p.ParameterName, p.Value);
            output.WriteLine(sqlite.CommandText);
            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            var depth = new Dictionary<long, int> { [0] = 0 };
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, parent, detail) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3));
                depth[id] = depth.GetValueOrDefault(parent) + 1;
                output.WriteLine($"  {new string(' ', 2 * depth[id])}{detail}");
            }
        }
        return result;
    }

    /// <summary>The query's whole time, from sending it to the last row read (the plan is printed before it).</summary>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        output.WriteLine($"  → {eventData.Duration.TotalMilliseconds:F0} ms, {eventData.ReadCount:N0} rows");
        output.WriteLine();
        return result;
    }
}
