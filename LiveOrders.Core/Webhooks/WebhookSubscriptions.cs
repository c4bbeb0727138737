using System.Security.Cryptography;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Webhooks;

/// <summary>A subscription just made, with its secret: the only time the secret is shown.</summary>
public sealed record CreatedSubscription(int Id, string Secret);

/// <summary>A subscription for the page; <see cref="Deleted"/> ones are listed only for the delivery log's filter.</summary>
public sealed record WebhookSubscriptionItem(int Id, string Url, WebhookEventKinds Kinds, string? Department, bool Active,
    int Pending, int GivenUp, bool Deleted);

/// <summary>
/// One attempt in the delivery log, with its delivery's sequence, state and body. <see cref="Retriable"/>: the newest
/// attempt of a given-up delivery of a subscription not deleted (where «Повторить» is offered).
/// </summary>
public sealed record WebhookAttemptItem(long Id, DateTime At, int SubscriptionId, long DeliveryId, string OrderNumber,
    WebhookEventKinds Kind, int? Sequence, int? StatusCode, string? Error, int DurationMs, WebhookDeliveryState State,
    string? Payload, bool Retriable);

/// <summary>Which attempts the log shows: their result, or those of the deliveries given up.</summary>
public enum WebhookLogOutcome { All, Succeeded, Failed, GivenUp }

public sealed record WebhookLogFilter(int? SubscriptionId = null, WebhookLogOutcome Outcome = WebhookLogOutcome.All, int Take = 100);

/// <summary>The administrator's use cases for webhook subscriptions.</summary>
public sealed class WebhookSubscriptions(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time,
    IOptions<WebhookOptions> options, WebhookSender sender, WebhookActivity activity)
{
    private const string AdminOnly = "Подписки на события ведёт только администратор.";

    public async Task<Result<CreatedSubscription>> CreateAsync(Actor actor, string? url, WebhookEventKinds kinds, int? departmentId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor))
            return Result<CreatedSubscription>.From(Result.Forbidden(AdminOnly));
        if (CheckUrl(url, options.Value) is { } refused)
            return Result<CreatedSubscription>.From(Result.Invalid(refused, "url"));
        if ((kinds & WebhookEventKinds.All) == WebhookEventKinds.None)
            return Result<CreatedSubscription>.From(Result.Invalid("Выберите хотя бы один вид событий.", "kinds"));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (departmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
            return Result<CreatedSubscription>.From(Result.Invalid("Подразделение не найдено.", "department"));
        var secret = NewSecret();
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
        activity.Notify();
        return new CreatedSubscription(subscription.Id, secret);
    }

    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Off: nothing new is queued for it and nothing is sent; what is already queued waits (its give-up window still
    /// runs) and goes out on reactivation, in order. Events while it is off are not told to the receiver.
    /// </summary>
    public Task<Result> SetActiveAsync(Actor actor, int id, bool active, CancellationToken ct = default) =>
        ChangeAsync(actor, id, async (db, s) =>
        {
            if (s.Active == active) return (Result.Success, null);
            s.SetActive(active);
            var queued = await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == id && d.DeliveredAt == null && d.FailedAt == null, ct);
            return (Result.Success, Audit.AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName,
                active ? "webhook.reactivated" : "webhook.deactivated", nameof(WebhookSubscription), id.ToString(),
                (active ? "Подписка на события включена: " : "Подписка на события отключена: ") + s.Url,
                [$"В очереди: {queued}"]));
        }, ct);

    /// <summary>A new secret, shown once. Deliveries are signed when sent, so those already queued go out with the new one.</summary>
    public async Task<Result<string>> RotateSecretAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var secret = NewSecret();
        var result = await ChangeAsync(actor, id, (_, s) =>
        {
            s.RotateSecret(secret, time.UtcNow);
            // The secret itself is never written to the log.
            return Task.FromResult((Result.Success, (Audit.AuditEntry?)Audit.AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName,
                "webhook.secret-rotated", nameof(WebhookSubscription), id.ToString(), $"Заменён секрет подписки на события: {s.Url}")));
        }, ct);
        return result.Ok ? secret : Result<string>.From(result);
    }

    /// <summary>
    /// Deleted for good: nothing more is sent, its queued deliveries are given up («Подписка удалена»), its secret is
    /// erased; the row and its delivery log stay, so what was sent to whom can still be read.
    /// </summary>
    public Task<Result> DeleteAsync(Actor actor, int id, CancellationToken ct = default) =>
        ChangeAsync(actor, id, async (db, s) =>
        {
            var now = time.UtcNow;
            var queued = await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.DeliveredAt == null && d.FailedAt == null).ToListAsync(ct);
            foreach (var delivery in queued) delivery.GiveUp("Подписка удалена.", now);
            s.Delete(now);
            return (Result.Success, Audit.AuditEntry.Create(now, actor.EmployeeId, actor.FullName, "webhook.deleted",
                nameof(WebhookSubscription), id.ToString(), $"Удалена подписка на события: {s.Url}",
                [$"Неотправленных доставок отменено: {queued.Count}"]));
        }, ct);

    /// <summary>
    /// «Повторить» a given-up delivery: queued again at once, with the same id, sequence and body and a fresh give-up
    /// window. It arrives after later events of its order that already got through; the sequence tells the receiver
    /// where it belongs.
    /// </summary>
    public async Task<Result> RetryAsync(Actor actor, long deliveryId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return Result.Forbidden(AdminOnly);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null) return Result.Invalid("Доставка не найдена.");
        if (delivery.State != WebhookDeliveryState.GivenUp) return Result.Conflict("Повторить можно только доставку, от которой отказались.");
        var subscription = await db.WebhookSubscriptions.FirstAsync(s => s.Id == delivery.SubscriptionId, ct);
        if (subscription.Deleted) return Result.Conflict("Подписка удалена: доставку повторить нельзя.");
        delivery.Retry(time.UtcNow);
        db.AuditEntries.Add(Audit.AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName, "webhook.delivery-retried",
            nameof(WebhookDelivery), deliveryId.ToString(), $"Доставка № {deliveryId} поставлена в очередь снова: {subscription.Url}"));
        await db.SaveChangesAsync(ct);
        activity.Notify();
        return Result.Success;
    }

    /// <summary>«Проверить доставку»: a signed ping, sent now, whatever the subscription's state; the answer is returned, not logged.</summary>
    public async Task<Result<WebhookAnswer>> TestAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return Result<WebhookAnswer>.From(Result.Forbidden(AdminOnly));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null || subscription.Deleted) return Result<WebhookAnswer>.From(Result.Invalid("Подписка не найдена."));
        return await sender.PingAsync(subscription, ct);
    }

    private async Task<Result> ChangeAsync(Actor actor, int id,
        Func<LiveOrdersDbContext, WebhookSubscription, Task<(Result, Audit.AuditEntry?)>> change, CancellationToken ct)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return Result.Forbidden(AdminOnly);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return Result.Invalid("Подписка не найдена.");
        if (subscription.Deleted) return Result.Conflict("Подписка удалена.");
        var (result, audit) = await change(db, subscription);
        if (!result.Ok) return result;
        if (audit is not null) db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
        activity.Notify();
        return result;
    }

    public async Task<IReadOnlyList<WebhookSubscriptionItem>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new WebhookSubscriptionItem(s.Id, s.Url, s.Kinds,
                db.Departments.Where(d => d.Id == s.DepartmentId).Select(d => d.ShortName).FirstOrDefault(), s.Active,
                db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.DeliveredAt == null && d.FailedAt == null),
                db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.FailedAt != null),
                s.DeletedAt != null))
            .ToListAsync(ct);
    }

    /// <summary>The delivery log: the latest attempts, newest first, filtered by subscription and outcome.</summary>
    public async Task<IReadOnlyList<WebhookAttemptItem>> LogAsync(Actor actor, WebhookLogFilter? filter = null, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageWebhooks(actor)) return [];
        filter ??= new WebhookLogFilter();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.WebhookAttempts.AsNoTracking()
            .Join(db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => new { a, d });
        if (filter.SubscriptionId is { } subscriptionId) query = query.Where(x => x.d.SubscriptionId == subscriptionId);
        query = filter.Outcome switch
        {
            WebhookLogOutcome.Succeeded => query.Where(x => x.a.Error == null),
            WebhookLogOutcome.Failed => query.Where(x => x.a.Error != null),
            WebhookLogOutcome.GivenUp => query.Where(x => x.d.FailedAt != null),
            _ => query,
        };
        var rows = await query.OrderByDescending(x => x.a.Id).Take(Math.Clamp(filter.Take, 1, 1000))
            .Join(db.Orders, x => x.d.OrderId, o => o.Id, (x, o) => new
            {
                x.a.Id, x.a.At, x.d.SubscriptionId, DeliveryId = x.d.Id, o.Number, x.d.Kind, x.d.Sequence, x.a.StatusCode, x.a.Error,
                x.a.DurationMs, x.d.DeliveredAt, x.d.FailedAt, x.d.Payload,
                SubscriptionDeleted = db.WebhookSubscriptions.Any(s => s.Id == x.d.SubscriptionId && s.DeletedAt != null),
                Newest = !db.WebhookAttempts.Any(later => later.DeliveryId == x.d.Id && later.Id > x.a.Id),
            })
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.Id)
            .Select(x =>
            {
                var state = x.DeliveredAt is not null ? WebhookDeliveryState.Delivered
                    : x.FailedAt is not null ? WebhookDeliveryState.GivenUp : WebhookDeliveryState.Queued;
                return new WebhookAttemptItem(x.Id, x.At, x.SubscriptionId, x.DeliveryId, x.Number, x.Kind, x.Sequence, x.StatusCode,
                    x.Error, x.DurationMs, state, x.Payload, state == WebhookDeliveryState.GivenUp && x.Newest && !x.SubscriptionDeleted);
            })
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
