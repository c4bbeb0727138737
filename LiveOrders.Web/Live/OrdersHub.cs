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
/// "subscribed" comes first, once the connection receives every change: SignalR completes the handshake before
/// <see cref="OnConnectedAsync"/> has subscribed it, so a client that loads the current state (through the API)
/// after "subscribed" rather than after the handshake misses nothing in between.
/// </summary>
[Authorize]
public sealed class OrdersHub(ActorDirectory directory, HubFeedBridge bridge) : Hub
{
    public const string Path = "/hubs/orders";
    public const string Subscribed = "subscribed";

    public override async Task OnConnectedAsync()
    {
        if (await directory.FindAsync(Context.User!, Context.ConnectionAborted) is not { } actor)
        {
            Context.Abort();
            return;
        }
        await bridge.ConnectAsync(Context, actor);
        await Clients.Caller.SendAsync(Subscribed, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await bridge.DisconnectAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What a hub client receives: the change and the new card, never anything it could not open itself.</summary>
public sealed record OrderChangedMessage(
    string Kind, int OrderId, int Version, OrderStatus Status, int IssuingDepartmentId, int ExecutingDepartmentId,
    int? PreviousExecutingDepartmentId, string? Event, DateTime At, OrderListItem? Card, CommentItem? Comment)
{
    public static OrderChangedMessage Of(LiveOrders.Core.Live.OrderChanged change) => new(
        change.Kind.ToString(), change.OrderId, change.Version, change.Audience.Status,
        change.Audience.IssuingDepartmentId, change.Audience.ExecutingDepartmentId, change.PreviousExecutingDepartmentId,
        change.Event?.ToString(), change.At, change.Card, change.Comment);
}
