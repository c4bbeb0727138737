using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace LiveOrders.Web.Live;

/// <summary>
/// The hub's changes across nodes through the SignalR Redis backplane (docs/decisions/011): every hub connection joins
/// one group, its viewer (the employee, narrowed by an integration's scope), and each node lists its viewers with their
/// actor in a Redis hash. The node where a change was committed — and only that one — reads the list, asks the policy
/// which viewers may see the change, and sends it once to each such group; the backplane carries it to the connections
/// on whichever node holds them. One group per connection and one send per group: no connection hears a change twice,
/// whatever other transport (LISTEN/NOTIFY) also carries the change to the other nodes' screens.
/// </summary>
public sealed class HubViewers
{
    internal const string Registry = "liveorders:hub:viewers";
    private readonly IConnectionMultiplexer _redis;
    private readonly IHubContext<OrdersHub> _hub;
    private readonly ILogger<HubViewers> _logger;
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, int> _local = [];
    // Registry writes in the order the connections came and went, so a quick leave-then-join never ends unlisted.
    private readonly SemaphoreSlim _registryLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Actor?> _actors = new();
    // One sender keeps this node's changes in commit order (two quick changes of one order must not swap). Bounded:
    // while Redis is unreachable each send waits out its timeout, and the oldest changes are dropped rather than
    // memory filling up (hub clients reload through the API when they reconnect anyway).
    private readonly Channel<OrderChanged> _outgoing = Channel.CreateBounded<OrderChanged>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public HubViewers(IConnectionMultiplexer redis, IHubContext<OrdersHub> hub, ILogger<HubViewers> logger)
    {
        (_redis, _hub, _logger) = (redis, hub, logger);
        _ = Task.Run(SendAllAsync);
    }

    /// <summary>The group of everyone who sees exactly what this actor sees.</summary>
    public static string GroupOf(Actor actor) => actor.Integration is { } scope
        ? $"viewer:{actor.EmployeeId}:{string.Join(',', scope.DepartmentIds.Order())}"
        : $"viewer:{actor.EmployeeId}";

    public async Task JoinAsync(string connectionId, Actor actor)
    {
        var group = GroupOf(actor);
        await _hub.Groups.AddToGroupAsync(connectionId, group);
        await _registryLock.WaitAsync();
        try
        {
            _local[group] = _local.GetValueOrDefault(group) + 1;
            // Written even when listed already: the actor may be newer (the same person, moved and reconnected).
            await _redis.GetDatabase().HashSetAsync(Registry, $"{_node}|{group}", JsonSerializer.Serialize(actor));
        }
        finally { _registryLock.Release(); }
    }

    public async Task LeaveAsync(Actor actor)
    {
        var group = GroupOf(actor);
        await _registryLock.WaitAsync();
        try
        {
            if (!_local.TryGetValue(group, out var count)) return;
            if (count > 1) { _local[group] = count - 1; return; }
            _local.Remove(group);
            await _redis.GetDatabase().HashDeleteAsync(Registry, $"{_node}|{group}");
        }
        finally { _registryLock.Release(); }
    }

    /// <summary>Called on the committing node only (see <see cref="HubForwardingFeed"/>).</summary>
    public void Forward(OrderChanged change)
    {
        if (change.Kind != OrderChangeKind.Resync) _outgoing.Writer.TryWrite(change);
    }

    private async Task SendAllAsync()
    {
        await foreach (var change in _outgoing.Reader.ReadAllAsync())
        {
            try
            {
                var message = OrderChangedMessage.Of(change);
                var viewers = await _redis.GetDatabase().HashGetAllAsync(Registry);
                // Several nodes list the same viewer: its group is one, so is the send.
                foreach (var group in viewers
                             .Select(v => (Group: GroupPart(v.Name!), Actor: ActorOf(v.Value!)))
                             .Where(v => v.Actor is { } actor && OrderPolicy.CanView(actor, change.Audience))
                             .Select(v => v.Group)
                             .Distinct())
                    await _hub.Clients.Group(group).SendAsync("orderChanged", message);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "The hub's change of order {OrderId} did not reach the other nodes", change.OrderId);
            }
        }
    }

    private static string GroupPart(string field) => field[(field.IndexOf('|') + 1)..];

    private Actor? ActorOf(string json)
    {
        // Keyed by the listed text, so a changed actor is a new entry; old ones go when the cache has grown large.
        if (_actors.Count > 10_000) _actors.Clear();
        return _actors.GetOrAdd(json, j =>
    {
            try { return JsonSerializer.Deserialize<Actor>(j); }
            catch (JsonException) { return null; }
        });
    }
}
