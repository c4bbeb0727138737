using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Audit;

/// <summary>
/// Entries written before the log had its search columns and kinds get them once, at start-up: the columns are derived
/// from the entry's own text (lower case in .NET, since SQLite's lower() knows only Latin), nothing the entry says changes.
/// </summary>
internal static class AuditBackfill
{
    public static async Task RunAsync(LiveOrdersDbContext db, CancellationToken ct = default)
    {
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.SearchText == "").OrderBy(a => a.Id).Take(500)
                .Select(a => new { a.Id, a.At, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Summary, a.Changes })
                .ToListAsync(ct);
            if (batch.Count == 0) return;
            foreach (var a in batch)
            {
                var derived = AuditEntry.Create(a.At, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Summary,
                    a.Changes.Length == 0 ? null : a.Changes.Split('\n'));
                await db.AuditEntries.Where(e => e.Id == a.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.SearchText, derived.SearchText)
                    .SetProperty(e => e.ActorKey, derived.ActorKey)
                    .SetProperty(e => e.Kind, derived.Kind), ct);
            }
        }
    }
}
