using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Webhooks;

/// <summary>
/// Sends the webhook outbox. Each subscription has its own sequence (one task at a time per subscription), so a
/// receiver that hangs holds up only itself; within a subscription, an order's events go strictly one after another,
/// and one that failed holds back that order's later events until it got through (other orders go on: each round reads
/// every order's head, however long the queue behind a failing one, see <see cref="DueHeads"/>).
/// A delivery is marked delivered only after a 2xx; anything else (refused connection, timeout, 5xx, 4xx) is tried
/// again after an exponential backoff, until given up (<see cref="WebhookOptions.GiveUpAfter"/>); a 410 Gone switches the
/// subscription off. A given-up delivery no longer holds back its order's later ones; the per-order <c>sequence</c> in
/// the body shows the receiver the gap (docs/decisions/009-webhook-give-up-and-order.md). Receivers should treat the delivery <c>id</c> as an idempotency key: a
/// delivery whose 2xx was lost on the way back is sent again.
/// <para>
/// Across nodes one sender runs (<see cref="Cluster.ClusterJob{TJob}"/>), and each delivery is also claimed before it is
/// posted, as letters are (<see cref="Mail.OutboxSender"/>): its next attempt is moved <see cref="WebhookOptions.ClaimFor"/>
/// ahead unless another sender moved it since it was read, so during a takeover the second sender skips it (and the
/// order's later events, which wait behind it). Its sequence number is read afresh after the claim, so two senders
/// never give one number twice. What remains is the contract's own case: a node that dies between the receiver's 2xx
/// and the saved mark; the delivery is posted again, under the same id, once the claim expires.
/// </para>
/// <para>
/// A post once started is finished (within the timeout) and its outcome saved even when the sender is told to stop.
/// </para>
/// </summary>
public sealed class WebhookSender : BackgroundService
{
    private readonly IDbContextFactory<LiveOrdersDbContext> _dbFactory;
    private readonly MunicipalTime _time;
    private readonly ILiveFeed _feed;
    private readonly WebhookActivity _activity;
    private readonly WebhookOptions _options;
    private readonly ILogger<WebhookSender> _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<int, Task> _running = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public WebhookSender(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ILiveFeed feed,
        WebhookActivity activity, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
    {
        _dbFactory = dbFactory;
        _time = time;
        _feed = feed;
        _activity = activity;
        _options = options.Value;
        _logger = logger;
        // No redirects: a receiver may not send a signed delivery on to a host AllowedHosts does not name.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = _options.Timeout };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var _ = _feed.Subscribe(_ => true, _ =>
        {
            if (_wake.CurrentCount == 0) _wake.Release();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var subscriptionId in await DueSubscriptionsAsync(stoppingToken))
                {
                    if (_running.TryGetValue(subscriptionId, out var running) && !running.IsCompleted) continue;
                    _running[subscriptionId] = Task.Run(() => DeliverSubscriptionAsync(subscriptionId, stoppingToken), stoppingToken);
                }
                foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList()) _running.Remove(done);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Webhook sender failed");
            }
            try { await _wake.WaitAsync(_options.Poll, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        try { await Task.WhenAll(_running.Values); } catch { /* stopping */ }
    }

    /// <summary>One round over every subscription at once (each in its own sequence). Returns how many got through.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var ids = await DueSubscriptionsAsync(ct);
        var delivered = await Task.WhenAll(ids.Select(id => DeliverSubscriptionAsync(id, ct)));
        return delivered.Sum();
    }

    private async Task<List<int>> DueSubscriptionsAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var now = _time.UtcNow;
        // One question per active subscription (there are a few): asked with the subscription's id, it reads only that
        // subscription's queued rows through the index, where asked for all at once it would scan every delivery ever made.
        var due = new List<int>();
        foreach (var id in await db.WebhookSubscriptions.Where(s => s.Active).Select(s => s.Id).ToListAsync(ct))
            if (await DueHeads(db, now, id).AnyAsync(ct)) due.Add(id);
        return due;
    }

    /// <summary>How many due heads one pass of a subscription reads; a sweep reads the rest in further passes.</summary>
    internal int Batch { get; init; } = 200;

    /// <summary>
    /// A subscription's deliveries that may be tried now: per order the first one still queued (lowest id), when its
    /// next attempt is due. Asking for the heads, not for the oldest queued rows, is what keeps one order's backlog
    /// behind a failing head from filling every batch and holding up the other orders (one query, on either database).
    /// </summary>
    internal static IQueryable<WebhookDelivery> DueHeads(LiveOrdersDbContext db, DateTime now, int subscriptionId)
    {
        var queued = db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId && d.DeliveredAt == null && d.FailedAt == null);
        var heads = queued.GroupBy(d => d.OrderId).Select(g => g.Min(d => d.Id));
        return queued.Where(d => d.NextAttemptAt <= now && heads.Contains(d.Id));
    }

    /// <summary>
    /// Sends one subscription's due deliveries, each order's in sequence. A sweep goes over the due heads of all its
    /// orders, oldest first, <see cref="Batch"/> at a time; sweeps follow one another while one takes something off the
    /// queue (a head delivered or given up makes its order's next delivery the head).
    /// </summary>
    public async Task<int> DeliverSubscriptionAsync(int subscriptionId, CancellationToken ct = default)
    {
        var (delivered, after, dequeued) = (0, 0L, false);
        while (!ct.IsCancellationRequested)
        {
            var pass = await DeliverHeadsAsync(subscriptionId, after, ct);
            delivered += pass.Delivered;
            dequeued |= pass.Dequeued;
            if (pass.Stopped) break;
            // More heads than one batch: the sweep goes on after the last one read.
            if (pass.LastId is { } last) { after = last; continue; }
            if (!dequeued) break;
            (after, dequeued) = (0, false);
        }
        return delivered;
    }

    /// <summary>One batch of due heads after the id <paramref name="after"/>; LastId is set when the batch was full.</summary>
    private async Task<(int Delivered, bool Dequeued, long? LastId, bool Stopped)> DeliverHeadsAsync(int subscriptionId, long after, CancellationToken ct)
    {
        // A context per pass: a long backlog does not pile up in one change tracker.
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId && s.Active, ct);
        if (subscription is null) return (0, false, null, true);
        var heads = await DueHeads(db, _time.UtcNow, subscriptionId)
            .Where(d => d.Id > after)
            .OrderBy(d => d.Id).Take(Batch)
            .Include(d => d.Order).Include(d => d.OrderEvent).Include(d => d.OrderComment)
            .ToListAsync(ct);
        var (delivered, dequeued) = (0, false);
        foreach (var delivery in heads)
        {
            if (ct.IsCancellationRequested) break;
            // An administrator may have switched it off, deleted it or replaced its secret during this round.
            await db.Entry(subscription).ReloadAsync(ct);
            if (!subscription.Active) return (delivered, dequeued, null, true);
            // Another sender (a node taking over) has it, or has had it since this pass read it: the order waits.
            if (!await ClaimAsync(db, delivery, ct)) continue;
            if (delivery.Sequence is null)
            {
                var sequence = await LastSequenceAsync(db, delivery, ct) + 1;
                delivery.Prepare(sequence, Body(delivery, sequence));
            }
            var outcome = await SendAsync(db, subscription, delivery, ct);
            if (outcome == Outcome.Delivered) delivered++;
            dequeued |= delivery.State != WebhookDeliveryState.Queued;
            await db.SaveChangesAsync(CancellationToken.None);
            // The attempt is in the log now: open webhooks pages (on every node) read it.
            _activity.Notify();
            if (outcome == Outcome.Gone) return (delivered, dequeued, null, true);
        }
        return (delivered, dequeued, heads.Count == Batch ? heads[^1].Id : null, false);
    }

    /// <summary>
    /// Claims a delivery for this sender: moves its next attempt <see cref="WebhookOptions.ClaimFor"/> ahead unless it was
    /// delivered, given up or moved by another sender since it was read. False when another sender has it.
    /// </summary>
    private async Task<bool> ClaimAsync(LiveOrdersDbContext db, WebhookDelivery delivery, CancellationToken ct)
    {
        var (id, seen, until) = (delivery.Id, delivery.NextAttemptAt, _time.UtcNow + _options.ClaimFor);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.DeliveredAt == null && d.FailedAt == null && d.NextAttemptAt == seen)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, until), ct) == 1;
        if (!claimed) return false;
        // The tracked row now says what the database holds, so a failure's backoff is saved over the claim.
        var next = db.Entry(delivery).Property(d => d.NextAttemptAt);
        (next.CurrentValue, next.OriginalValue) = (until, until);
        return true;
    }

    /// <summary>The order's last sequence number at this subscription, read after the claim: another sender may have given one.</summary>
    private static async Task<int> LastSequenceAsync(LiveOrdersDbContext db, WebhookDelivery delivery, CancellationToken ct) =>
        await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == delivery.SubscriptionId && d.OrderId == delivery.OrderId && d.Sequence != null)
            .MaxAsync(d => d.Sequence, ct) ?? 0;

    private enum Outcome { Delivered, Failed, Gone }

    private async Task<Outcome> SendAsync(LiveOrdersDbContext db, WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        // Not cancelled once posted (it ends within the timeout): a post cut off mid-way may have arrived, and would go again.
        var answer = await PostAsync(subscription.Url, subscription.Secret, delivery.Id.ToString(), delivery.Payload!, CancellationToken.None);
        var now = _time.UtcNow;
        db.WebhookAttempts.Add(new WebhookAttempt(delivery.Id, now, answer.StatusCode, answer.Error, answer.DurationMs));
        if (answer.Error is null)
        {
            delivery.Delivered(now);
            return Outcome.Delivered;
        }
        delivery.Failed(answer.Error, now, _options);
        if (answer.StatusCode != 410) return Outcome.Failed;
        // 410 Gone: the receiver says this address is no more. The subscription is switched off (its queue kept, as
        // when an administrator does it) rather than retried for days; switching it on again resumes the queue.
        subscription.SetActive(false);
        db.AuditEntries.Add(Audit.AuditEntry.Create(now, null, "Система", "webhook.deactivated", nameof(WebhookSubscription),
            subscription.Id.ToString(), $"Подписка на события отключена: получатель ответил 410 Gone ({subscription.Url})"));
        _logger.LogWarning("Webhook subscription {Id} switched off: the receiver answered 410 Gone", subscription.Id);
        return Outcome.Gone;
    }

    /// <summary>
    /// «Проверить доставку»: a signed <c>ping</c> to the receiver, answered at once and kept nowhere (neither queued nor
    /// in the delivery log). Goes through the same checks and client as a delivery.
    /// </summary>
    public async Task<WebhookAnswer> PingAsync(WebhookSubscription subscription, CancellationToken ct = default)
    {
        var body = JsonSerializer.Serialize(new { kind = "ping", at = _time.UtcNow, subscriptionId = subscription.Id }, Json);
        return await PostAsync(subscription.Url, subscription.Secret, "ping", body, ct);
    }

    private async Task<WebhookAnswer> PostAsync(string url, string secret, string deliveryId, string body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        var uri = new Uri(url);
        if (!_options.Allows(uri))
            error = $"Узел «{uri.Host}» не разрешён настройкой Webhooks:AllowedHosts.";
        else
        {
            var unix = _time.Clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, unix, body));
            request.Headers.Add("X-LiveOrders-Delivery", deliveryId);
            try
            {
                using var response = await _http.SendAsync(request, ct);
                status = (int)response.StatusCode;
                if (status is < 200 or >= 300) error = $"Получатель ответил {status}.";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                error = $"Получатель не ответил за {_options.Timeout.TotalSeconds:0.#} с.";
            }
            catch (HttpRequestException e)
            {
                error = $"Получатель недоступен: {e.Message}";
            }
        }
        return new WebhookAnswer(status, error, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// What a delivery carries: the event and the order's public facts. Only subscriptions whose department scope may
    /// see the order get a row at all (<see cref="WebhookOutbox"/>). The order's text is never sent, nor a comment's
    /// text on an order marked as holding personal data.
    /// </summary>
    internal static string Body(WebhookDelivery d, int sequence)
    {
        var order = d.Order!;
        var payload = new
        {
            id = d.Id,
            sequence,
            kind = d.Kind.Name(),
            at = d.CreatedAt,
            order = new
            {
                id = order.Id,
                number = order.Number,
                title = order.Title,
                status = order.Status.ToString(),
                issuingDepartmentId = order.IssuingDepartmentId,
                executingDepartmentId = order.ExecutingDepartmentId,
                dueAt = order.DueAt,
            },
            @event = d.OrderEvent is { } e ? new { reason = e.Reason, fromDepartmentId = e.FromDepartmentId, toDepartmentId = e.ToDepartmentId, dueAt = e.DueAt } : null,
            comment = d.OrderComment is { } c ? new { authorId = c.AuthorId, text = order.ContainsPersonalData ? null : c.Text } : null,
        };
        return JsonSerializer.Serialize(payload, Json);
    }
}
