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
/// and one that failed holds back that order's later events until it got through (other orders go on).
/// A delivery is marked delivered only after a 2xx; anything else (refused connection, timeout, 5xx, 4xx) is tried
/// again after an exponential backoff. Receivers should treat the delivery <c>id</c> as an idempotency key: a
/// delivery whose 2xx was lost on the way back is sent again.
/// </summary>
public sealed class WebhookSender : BackgroundService
{
    private readonly IDbContextFactory<LiveOrdersDbContext> _dbFactory;
    private readonly MunicipalTime _time;
    private readonly ILiveFeed _feed;
    private readonly WebhookOptions _options;
    private readonly ILogger<WebhookSender> _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<int, Task> _running = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public WebhookSender(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ILiveFeed feed,
        IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
    {
        _dbFactory = dbFactory;
        _time = time;
        _feed = feed;
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
        return await db.WebhookDeliveries
            .Where(d => d.DeliveredAt == null && d.NextAttemptAt <= now)
            .Join(db.WebhookSubscriptions.Where(s => s.Active), d => d.SubscriptionId, s => s.Id, (d, s) => s.Id)
            .Distinct().ToListAsync(ct);
    }

    /// <summary>Sends one subscription's due deliveries, oldest first, each order's in sequence.</summary>
    public async Task<int> DeliverSubscriptionAsync(int subscriptionId, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.Active, ct);
        if (subscription is null) return 0;
        var pending = await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscriptionId && d.DeliveredAt == null)
            .OrderBy(d => d.Id).Take(200)
            .Include(d => d.Order).Include(d => d.OrderEvent).Include(d => d.OrderComment)
            .ToListAsync(ct);
        var held = new HashSet<int>();
        var delivered = 0;
        foreach (var delivery in pending)
        {
            if (ct.IsCancellationRequested) break;
            // An earlier event of this order has not got through: this one waits behind it.
            if (held.Contains(delivery.OrderId)) continue;
            if (delivery.NextAttemptAt > _time.UtcNow) { held.Add(delivery.OrderId); continue; }
            if (await SendAsync(db, subscription, delivery, ct)) delivered++;
            else held.Add(delivery.OrderId);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return delivered;
    }

    private async Task<bool> SendAsync(LiveOrdersDbContext db, WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        var uri = new Uri(subscription.Url);
        if (!_options.Allows(uri))
            error = $"Узел «{uri.Host}» не разрешён настройкой Webhooks:AllowedHosts.";
        else
        {
            var body = Body(delivery);
            var unix = _time.Clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(subscription.Secret, unix, body));
            request.Headers.Add("X-LiveOrders-Delivery", delivery.Id.ToString());
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
        var now = _time.UtcNow;
        var ms = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        db.WebhookAttempts.Add(new WebhookAttempt(delivery.Id, now, status, error, ms));
        if (error is null) delivery.Delivered(now);
        else delivery.Failed(error, now, _options);
        return error is null;
    }

    /// <summary>
    /// What a delivery carries: the event and the order's public facts. Only subscriptions whose department scope may
    /// see the order get a row at all (<see cref="WebhookOutbox"/>). The order's text is never sent, nor a comment's
    /// text on an order marked as holding personal data.
    /// </summary>
    internal static string Body(WebhookDelivery d)
    {
        var order = d.Order!;
        var payload = new
        {
            id = d.Id,
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
