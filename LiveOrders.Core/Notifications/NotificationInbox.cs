using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Notifications;

/// <summary>A person's notifications: what the bell shows and what they have read.</summary>
public sealed class NotificationInbox(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientId == actor.EmployeeId && n.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<NotificationItem>> LatestAsync(Actor actor, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == actor.EmployeeId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(take)
            .Select(n => new NotificationItem(n.Id, n.RecipientId, n.Kind, n.OrderId, n.Text, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    /// <summary>Marks one notification read (or all of them when <paramref name="id"/> is null); only the recipient's own.</summary>
    public async Task MarkReadAsync(Actor actor, long? id = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        await db.Notifications
            .Where(n => n.RecipientId == actor.EmployeeId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
