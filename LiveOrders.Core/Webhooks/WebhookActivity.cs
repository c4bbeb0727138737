namespace LiveOrders.Core.Webhooks;

/// <summary>
/// Says that what the webhooks page shows changed: the sender recorded an attempt (or gave a delivery up), or an
/// administrator created, switched off or on, deleted a subscription, replaced its secret or retried a delivery. Open
/// webhooks pages read the log and the subscriptions again. The sender runs on one node only (the lease holder), so on
/// several nodes a change made here also goes to the others (<see cref="NotifiedHere"/>, carried by the cross-node
/// feed's relay), like <see cref="Templates.TemplateChanges"/>. It names nothing: a page re-reads what it shows, with its
/// own filters. Raised only after the commit, possibly hundreds of times a second while the sender works through a
/// backlog; handlers must neither block nor throw (a page hands the re-read to its renderer and coalesces the burst).
/// </summary>
public sealed class WebhookActivity
{
    public event Action? Changed;

    /// <summary>Raised for a change made on this node, for the relay to tell the other nodes.</summary>
    public event Action? NotifiedHere;

    public void Notify()
    {
        NotifyFromElsewhere();
        NotifiedHere?.Invoke();
    }

    /// <summary>A change another node made: this node's pages re-read, nobody else is told again.</summary>
    public void NotifyFromElsewhere() => Changed?.Invoke();
}
