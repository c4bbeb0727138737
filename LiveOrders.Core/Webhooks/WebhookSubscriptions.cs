using System.Security.Cryptography;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Webhooks;

/// <summary>A subscription just made, with its secret: the only time the secret is shown.</summary>
public sealed record CreatedSubscription(int Id, string Secret);

public sealed record WebhookSubscriptionItem(int Id, string Url, WebhookEventKinds Kinds, string? Department, bool Active, int Pending);

public sealed record WebhookAttemptItem(long Id, DateTime At, int SubscriptionId, long DeliveryId, string OrderNumber,
    WebhookEventKinds Kind, int? StatusCode, string? Error, int DurationMs);

/// <summary>The administrator's use cases for webhook subscriptions.</summary>
public sealed class WebhookSubscriptions(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, IOptions<WebhookOptions> options)
{
    public async Task<Result<CreatedSubscription>> CreateAsync(Actor actor, string? url, WebhookEventKinds kinds, int? departmentId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor))
            return Result<CreatedSubscription>.From(Result.Forbidden("Подписки на события ведёт только администратор."));
        if (CheckUrl(url, options.Value) is { } refused)
            return Result<CreatedSubscription>.From(Result.Invalid(refused, "url"));
        if ((kinds & WebhookEventKinds.All) == WebhookEventKinds.None)
            return Result<CreatedSubscription>.From(Result.Invalid("Выберите хотя бы один вид событий.", "kinds"));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (departmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
            return Result<CreatedSubscription>.From(Result.Invalid("Подразделение не найдено.", "department"));
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var subscription = new WebhookSubscription(url!.Trim(), kinds & WebhookEventKinds.All, departmentId, secret, time.UtcNow);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        // The secret is never written to the log.
        db.AuditEntries.Add(Audit.AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName, "webhook.created",
            nameof(WebhookSubscription), subscription.Id.ToString(), $"Создана подписка на события: {subscription.Url}",
            [$"События: {subscription.Kinds}", $"Подразделение: {(departmentId?.ToString() ?? "все")}"]));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CreatedSubscription(subscription.Id, secret);
    }

    public async Task<IReadOnlyList<WebhookSubscriptionItem>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new WebhookSubscriptionItem(s.Id, s.Url, s.Kinds,
                db.Departments.Where(d => d.Id == s.DepartmentId).Select(d => d.ShortName).FirstOrDefault(), s.Active,
                db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.DeliveredAt == null)))
            .ToListAsync(ct);
    }

    /// <summary>The delivery log: the latest attempts, newest first.</summary>
    public async Task<IReadOnlyList<WebhookAttemptItem>> LogAsync(Actor actor, int take = 100, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WebhookAttempts.AsNoTracking().OrderByDescending(a => a.Id).Take(take)
            .Join(db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => new { a.Id, a.At, d.SubscriptionId, DeliveryId = d.Id, d.OrderId, d.Kind, a.StatusCode, a.Error, a.DurationMs })
            .Join(db.Orders, x => x.OrderId, o => o.Id, (x, o) => new { x.Id, x.At, x.SubscriptionId, x.DeliveryId, o.Number, x.Kind, x.StatusCode, x.Error, x.DurationMs })
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.Id)
            .Select(x => new WebhookAttemptItem(x.Id, x.At, x.SubscriptionId, x.DeliveryId, x.Number, x.Kind, x.StatusCode, x.Error, x.DurationMs))
            .ToList();
    }

    /// <summary>Why a receiver URL is refused, in Russian; null when it may be used.</summary>
    public static string? CheckUrl(string? url, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Укажите адрес получателя.";
        if (url.Trim().Length > WebhookSubscription.UrlMaxLength) return $"Адрес длиннее {WebhookSubscription.UrlMaxLength} символов.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return "Адрес получателя не распознан: нужен полный адрес вида https://сервер/путь.";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return "Адрес получателя должен начинаться с http:// или https://.";
        if (!options.Allows(uri))
            return $"Отправка на узел «{uri.Host}» не разрешена настройкой Webhooks:AllowedHosts.";
        return null;
    }
}
