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
    private readonly HubViewers? _viewers;
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, Actor Actor, IDisposable? Subscription)> _connections = new();

    /// <param name="viewers">Set when the hub has the Redis backplane: changes then come through it from the node that
    /// committed them (docs/decisions/011), not from this node's feed.</param>
    public HubFeedBridge(ILiveFeed feed, IHubContext<OrdersHub> hub, ActorDirectory directory, ApiKeys keys, HubViewers? viewers = null)
    {
        (_feed, _hub, _directory, _viewers) = (feed, hub, directory, viewers);
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

    public async Task ConnectAsync(HubCallerContext context, Actor actor)
    {
        var connectionId = context.ConnectionId;
        IDisposable? subscription = null;
        if (_viewers is not null)
            await _viewers.JoinAsync(connectionId, actor);
        else
            // A resync (the connection fell behind) carries no order: the client re-reads through the API.
            subscription = _feed.Subscribe(
                change => _directory.IsCurrent(actor) && OrderPolicy.CanView(actor, change.Audience),
                change => _hub.Clients.Client(connectionId).SendAsync("orderChanged", OrderChangedMessage.Of(change)));
        if (!_connections.TryAdd(connectionId, (context, actor, subscription))) subscription?.Dispose();
        // The user may have been moved between sign-in and now: then this connection is already stale.
        if (!_directory.IsCurrent(actor)) context.Abort();
    }

    public async Task DisconnectAsync(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection)) return;
        connection.Subscription?.Dispose();
        if (_viewers is not null) await _viewers.LeaveAsync(connection.Actor);
    }
}
