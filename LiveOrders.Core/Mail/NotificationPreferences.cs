using LiveOrders.Core.Data;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Mail;

/// <summary>Each person's choice of which notifications also come by e-mail (all of them, until they say otherwise).</summary>
public sealed class NotificationPreferences(IDbContextFactory<LiveOrdersDbContext> dbFactory)
{
    public async Task<IReadOnlyList<(NotificationKind Kind, bool ByEmail)>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.NotificationPreferences.Where(p => p.EmployeeId == actor.EmployeeId).ToDictionaryAsync(p => p.Kind, p => p.ByEmail, ct);
        return Enum.GetValues<NotificationKind>().Select(k => (k, saved.GetValueOrDefault(k, true))).ToList();
    }

    public async Task SetAsync(Actor actor, NotificationKind kind, bool byEmail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.EmployeeId == actor.EmployeeId && p.Kind == kind, ct);
        if (row is null) db.NotificationPreferences.Add(new NotificationPreference { EmployeeId = actor.EmployeeId, Kind = kind, ByEmail = byEmail });
        else row.ByEmail = byEmail;
        await db.SaveChangesAsync(ct);
    }
}
