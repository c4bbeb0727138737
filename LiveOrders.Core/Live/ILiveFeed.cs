namespace LiveOrders.Core.Live;

/// <summary>
/// The one live event flow. Kept this small so that a cross-node transport can replace the
/// in-process one without touching publishers or subscribers.
/// </summary>
public interface ILiveFeed
{
    /// <summary>Hands a committed change to every interested subscriber. Never blocks.</summary>
    void Publish(OrderChanged change);

    /// <summary>Calls <paramref name="handler"/> for each change that passes <paramref name="filter"/>, until disposed.</summary>
    IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler);
}
