using LiveOrders.Core.Data;
using LiveOrders.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Mail;

/// <summary>
/// Adds notifications to the unit of work together with the letters they call for (when e-mail is on,
/// the person has an address and has not turned that kind off). One place for every notification source.
/// </summary>
public sealed class NotificationWriter(IOptions<MailOptions> options)
{
    public async Task AddAsync(LiveOrdersDbContext db, IReadOnlyCollection<Notification> notifications, CancellationToken ct)
    {
        if (notifications.Count == 0) return;
        db.Notifications.AddRange(notifications);
        var mail = options.Value;
        if (!mail.Enabled) return;

        var ids = notifications.Select(n => n.RecipientId).Distinct().ToList();
        var addresses = await db.Employees.Where(e => ids.Contains(e.Id) && e.IsActive && e.Email != null)
            .ToDictionaryAsync(e => e.Id, e => e.Email!, ct);
        var optedOut = (await db.NotificationPreferences.Where(p => ids.Contains(p.EmployeeId) && !p.ByEmail).ToListAsync(ct))
            .Select(p => (p.EmployeeId, p.Kind)).ToHashSet();
        foreach (var n in notifications)
        {
            if (!addresses.TryGetValue(n.RecipientId, out var to) || optedOut.Contains((n.RecipientId, n.Kind))) continue;
            var link = $"{mail.BaseUrl.TrimEnd('/')}/orders/{n.OrderId}";
            db.EmailMessages.Add(new EmailMessage(to, $"{n.Kind.Russian()}: {n.Text}",
                $"{n.Text}\n\nОткрыть поручение: {link}\n\n—\nLiveOrders. Какие уведомления приходят на почту, можно выбрать в настройках: {mail.BaseUrl.TrimEnd('/')}/settings",
                n.CreatedAt));
        }
    }
}
