using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Webhooks;

/// <summary>Where a delivery stands: waiting (or being retried), got through, or given up.</summary>
public enum WebhookDeliveryState { Queued, Delivered, GivenUp }

/// <summary>
/// One event for one subscription: the outbox row, written in the same save as the change it tells of, so none is
/// lost and none is told of a change that was rolled back. Sent in <see cref="Id"/> order per (subscription, order).
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; private set; }
    public int SubscriptionId { get; private set; }
    public int OrderId { get; private set; }
    public long? OrderEventId { get; private set; }
    public long? OrderCommentId { get; private set; }
    public WebhookEventKinds Kind { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>When the sender stopped trying (see docs/decisions/009); null while queued or once delivered.</summary>
    public DateTime? FailedAt { get; private set; }
    /// <summary>
    /// 1, 2, 3, … per (subscription, order), given when the delivery is first tried; deliveries of an order are first
    /// tried in event order, so a receiver sees a gap where one was given up.
    /// </summary>
    public int? Sequence { get; private set; }
    /// <summary>The body, fixed at the first try so that every retry carries the same bytes (signed afresh each time).</summary>
    public string? Payload { get; private set; }
    /// <summary>When an administrator last asked for «Повторить»: the give-up window runs from it instead of the event's time.</summary>
    public DateTime? RetriedAt { get; private set; }

    // Set on a new row so that the ids of an order, event or comment saved with it are filled in by the same save.
    public Order? Order { get; private set; }
    public OrderEvent? OrderEvent { get; private set; }
    public OrderComment? OrderComment { get; private set; }

    private WebhookDelivery() { }

    internal WebhookDelivery(int subscriptionId, Order? order, int orderId, WebhookEventKinds kind, DateTime now,
        OrderEvent? orderEvent = null, OrderComment? comment = null)
    {
        SubscriptionId = subscriptionId;
        Order = order;
        OrderId = orderId;
        Kind = kind;
        CreatedAt = now;
        NextAttemptAt = now;
        OrderEvent = orderEvent;
        OrderComment = comment;
    }

    public WebhookDeliveryState State =>
        DeliveredAt is not null ? WebhookDeliveryState.Delivered
        : FailedAt is not null ? WebhookDeliveryState.GivenUp
        : WebhookDeliveryState.Queued;

    internal void Prepare(int sequence, string payload)
    {
        Sequence ??= sequence;
        Payload ??= payload;
    }

    internal void Delivered(DateTime at)
    {
        Attempts++;
        DeliveredAt = at;
        LastError = null;
    }

    /// <summary>A failed try: retried after a backoff, or given up when <see cref="WebhookOptions.GivesUp"/> says so. True when given up.</summary>
    internal bool Failed(string error, DateTime now, WebhookOptions options)
    {
        Attempts++;
        LastError = Cut(error);
        if (options.GivesUp(RetriedAt ?? CreatedAt, Attempts, now))
        {
            FailedAt = now;
            return true;
        }
        NextAttemptAt = now + options.Backoff(Attempts);
        return false;
    }

    /// <summary>Given up without a try (the subscription was deleted).</summary>
    internal void GiveUp(string reason, DateTime now)
    {
        if (State != WebhookDeliveryState.Queued) return;
        LastError = Cut(reason);
        FailedAt = now;
    }

    /// <summary>An administrator's «Повторить»: queued again at once, with a fresh give-up window; same id, sequence and body.</summary>
    internal void Retry(DateTime now)
    {
        if (State != WebhookDeliveryState.GivenUp) throw new InvalidOperationException("Only a given-up delivery is retried.");
        FailedAt = null;
        Attempts = 0;
        RetriedAt = now;
        NextAttemptAt = now;
    }

    private static string Cut(string error) => error.Length > 500 ? error[..500] : error;
}

/// <summary>One try at a delivery, for the delivery log: when, what the receiver answered or why it failed.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; private set; }
    public long DeliveryId { get; private set; }
    public DateTime At { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }

    private WebhookAttempt() { }

    internal WebhookAttempt(long deliveryId, DateTime at, int? statusCode, string? error, int durationMs)
    {
        DeliveryId = deliveryId;
        At = at;
        StatusCode = statusCode;
        Error = error is { Length: > 500 } ? error[..500] : error;
        DurationMs = durationMs;
    }

    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>What a receiver answered: its status code, or why there was none; and how long it took.</summary>
public sealed record WebhookAnswer(int? StatusCode, string? Error, int DurationMs)
{
    public bool Succeeded => Error is null;
}
