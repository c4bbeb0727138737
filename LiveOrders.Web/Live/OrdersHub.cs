using System.Collections.Concurrent;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveOrders.Web.Live;

/// <summary>
/// The live feed for clients that are not Blazor pages (other municipal systems, a future mobile app):
/// the same changes, as JSON, to each connection only what its user may see. Method: "orderChanged".
/// </summary>
[Authorize]
public sealed class OrdersHub(ActorDirectory directory, HubFeedBridge bridge) : Hub
{
    public const string Path = "/hubs/orders";

    public override async Task OnConnectedAsync()
    {
        if (await directory.FindAsync(Context.User!, Context.ConnectionAborted) is not { } actor)
        {
            Context.Abort();
            return;
        }
        bridge.Connect(Context.ConnectionId, actor);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        bridge.Disconnect(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What a hub client receives: the change and the new card, never anything it could not open itself.</summary>
public sealed record OrderChangedMessage(
    string Kind, int OrderId, int Version, OrderStatus Status, int IssuingDepartmentId, int ExecutingDepartmentId,
    int? PreviousExecutingDepartmentId, string? Event, DateTime At, OrderListItem? Card, CommentItem? Comment);

/// <summary>One feed subscription per hub connection, filtered by that connection's user (hubs themselves are short-lived).</summary>
public sealed class HubFeedBridge(ILiveFeed feed, IHubContext<OrdersHub> hub)
{
    private readonly ConcurrentDictionary<string, IDisposable> _subscriptions = new();

    public int Connections => _subscriptions.Count;

    public void Connect(string connectionId, Actor actor)
    {
        var subscription = feed.Subscribe(
            change => OrderPolicy.CanView(actor, change.Audience),
            // A resync (the connection fell behind) carries no order: the client re-reads through the API.
            change => hub.Clients.Client(connectionId).SendAsync("orderChanged", new OrderChangedMessage(
                change.Kind.ToString(), change.OrderId, change.Version, change.Audience.Status,
                change.Audience.IssuingDepartmentId, change.Audience.ExecutingDepartmentId, change.PreviousExecutingDepartmentId,
                change.Event?.ToString(), change.At, change.Card, change.Comment)));
        if (!_subscriptions.TryAdd(connectionId, subscription)) subscription.Dispose();
    }

    public void Disconnect(string connectionId)
    {
        if (_subscriptions.TryRemove(connectionId, out var subscription)) subscription.Dispose();
    }
}
