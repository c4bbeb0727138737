using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Webhooks;

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

    internal void Delivered(DateTime at)
    {
        Attempts++;
        DeliveredAt = at;
        LastError = null;
    }

    internal void Failed(string error, DateTime now, WebhookOptions options)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = now + options.Backoff(Attempts);
    }
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
