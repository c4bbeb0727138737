using System.Collections.Concurrent;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveOrders.Web.Live;

/// <summary>
/// One feed subscription per hub connection, filtered by that connection's user (hubs themselves are
/// short-lived). A connection whose user was moved or switched off is closed; the client reconnects as who it is now.
/// </summary>
public sealed class HubFeedBridge
{
    private readonly ILiveFeed _feed;
    private readonly IHubContext<OrdersHub> _hub;
    private readonly ActorDirectory _directory;
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, Actor Actor, IDisposable Subscription)> _connections = new();

    public HubFeedBridge(ILiveFeed feed, IHubContext<OrdersHub> hub, ActorDirectory directory, ApiKeys keys)
    {
        (_feed, _hub, _directory) = (feed, hub, directory);
        directory.Changed += employeeId =>
        {
            foreach (var (_, connection) in _connections.Where(c => c.Value.Actor.EmployeeId == employeeId))
                connection.Context.Abort();
        };
        // A revoked key's connections close at once; reconnecting with it gets 401.
        keys.Revoked += keyId =>
        {
            var client = $"apikey:{keyId}";
            foreach (var (_, connection) in _connections.Where(c => c.Value.Context.User?.FindFirst(IntegrationClaims.Client)?.Value == client))
                connection.Context.Abort();
        };
    }

    public void Connect(HubCallerContext context, Actor actor)
    {
        var connectionId = context.ConnectionId;
        // A resync (the connection fell behind) carries no order: the client re-reads through the API.
        var subscription = _feed.Subscribe(
            change => _directory.IsCurrent(actor) && OrderPolicy.CanView(actor, change.Audience),
            change => _hub.Clients.Client(connectionId).SendAsync("orderChanged", new OrderChangedMessage(
                change.Kind.ToString(), change.OrderId, change.Version, change.Audience.Status,
                change.Audience.IssuingDepartmentId, change.Audience.ExecutingDepartmentId, change.PreviousExecutingDepartmentId,
                change.Event?.ToString(), change.At, change.Card, change.Comment)));
        if (!_connections.TryAdd(connectionId, (context, actor, subscription))) subscription.Dispose();
        // The user may have been moved between sign-in and now: then this connection is already stale.
        if (!_directory.IsCurrent(actor)) context.Abort();
    }

    public void Disconnect(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection)) connection.Subscription.Dispose();
    }
}
