using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Two nodes over one SQLite file and a real Redis: the hub <c>/hubs/orders</c> on the SignalR Redis backplane
/// (docs/decisions/011). A change reaches hub clients on every node once, sent by the node that committed it.
/// </summary>
public sealed class HubBackplaneTests : IAsyncLifetime
{
    private RedisServer _redis = default!;
    private LiveOrdersApp _a = default!;
    private LiveOrdersApp _b = default!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string> { [HubBackplane.Setting] = _redis.Configuration };
        _a = LiveOrdersApp.Node(Path.Combine(Path.GetTempPath(), $"liveorders-nodes-{Guid.NewGuid():N}.db"), settings);
        _ = _a.Server;   // node A migrates and seeds first
        _b = LiveOrdersApp.Node(_a.DatabasePath, settings);
        _ = _b.Server;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<int> CreateThroughApiAsync(LiveOrdersApp node, string author, string department, string title)
    {
        var id = (await node.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == department).Id;
        var response = await (await node.SignedInAsync(author)).PostAsJsonAsync("/api/v1/orders", new
        {
            title, departmentIds = new[] { id }, dueAt = DateTimeOffset.UtcNow.AddDays(3),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetInt32();
    }

    /// <summary>Every "orderChanged" the client gets until one of order <paramref name="marker"/> arrives (that one included).</summary>
    private static async Task<List<JsonElement>> ReceiveUntilAsync(HubTestClient client, int marker)
    {
        var received = new List<JsonElement>();
        while (true)
        {
            var next = await client.NextOrderChangedAsync(TimeSpan.FromSeconds(20))
                ?? throw new Xunit.Sdk.XunitException($"Order {marker} never arrived; got {string.Join(", ", received.Select(r => r.GetProperty("orderId")))}");
            received.Add(next);
            if (next.GetProperty("orderId").GetInt32() == marker) return received;
        }
    }

    private static int CountOf(List<JsonElement> received, int orderId) => received.Count(r => r.GetProperty("orderId").GetInt32() == orderId);

    [Fact]
    public void AViewersActor_ReadBackFromTheRegistry_IsJudgedAsTheOriginal()
    {
        // What another node reads back from Redis must decide visibility exactly as the actor it stands for.
        var deputy = new LiveOrders.Core.Organization.Actor(7, "Заместитель", 1, LiveOrders.Core.Organization.Role.DeputyHead, [3, 4], Generation: 2)
        {
            Integration = new LiveOrders.Core.Integrations.IntegrationScope([4], CanWrite: false),
            InControlDepartment = false,
        };
        var back = JsonSerializer.Deserialize<LiveOrders.Core.Organization.Actor>(JsonSerializer.Serialize(deputy))!;

        Assert.Equal(deputy with { SupervisedDepartmentIds = [], Integration = null }, back with { SupervisedDepartmentIds = [], Integration = null });
        Assert.Equal([3, 4], back.SupervisedDepartmentIds);
        Assert.Equal([4], back.Integration!.DepartmentIds);
        Assert.Equal(HubViewers.GroupOf(deputy), HubViewers.GroupOf(back));
        var inFour = new OrderAudience(OrderStatus.New, 99, 2, 4, null, []);
        var inThree = new OrderAudience(OrderStatus.New, 99, 2, 3, null, []);
        Assert.True(OrderPolicy.CanView(back, inFour));
        Assert.False(OrderPolicy.CanView(back, inThree));   // supervised, but outside the key's scope
    }

    [Fact]
    public void TheBackplane_IsOnTheOrdersHubOnly_NotOnBlazorsCircuits()
    {
        Assert.IsType<RedisHubLifetimeManager<OrdersHub>>(_a.Services.GetRequiredService<HubLifetimeManager<OrdersHub>>());
        // Blazor's circuit hub (internal ComponentHub) resolves through the open generic registration, left in-process.
        var componentHub = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var manager = _a.Services.GetRequiredService(typeof(HubLifetimeManager<>).MakeGenericType(componentHub));
        Assert.StartsWith("DefaultHubLifetimeManager", manager.GetType().Name);
    }

    [Fact]
    public async Task AHubClientOnNodeB_ReceivesAChangeMadeThroughNodeAsApi_ExactlyOnce()
    {
        await using var onB = await HubTestClient.ConnectAsync(_b, await _b.SignInCookieAsync("zkh.1"));
        await using var onA = await HubTestClient.ConnectAsync(_a, await _a.SignInCookieAsync("zkh.1"));

        var order = await CreateThroughApiAsync(_a, "arch.head", "ЖКХ", "Проверить освещение во дворе");
        // A second change after it, from the same node: whatever came twice of the first has arrived by then.
        var marker = await CreateThroughApiAsync(_a, "arch.head", "ЖКХ", "Маркер");

        var atB = await ReceiveUntilAsync(onB, marker);
        var atA = await ReceiveUntilAsync(onA, marker);
        Assert.Equal(1, CountOf(atB, order));
        Assert.Equal(1, CountOf(atA, order));
        var first = atB.First(r => r.GetProperty("orderId").GetInt32() == order);
        Assert.Equal("Created", first.GetProperty("kind").GetString());
        Assert.Equal("Проверить освещение во дворе", first.GetProperty("card").GetProperty("title").GetString());
    }

    [Fact]
    public async Task AChangeAlsoCarriedToNodeBsOwnFeed_StillReachesItsHubClientsOnce()
    {
        // Node B's feed gets A's changes too, as a cross-node feed (LISTEN/NOTIFY) delivers them to B's screens:
        // B's hub clients must hear of them from A, through Redis, and not again from B's feed.
        var bFeed = (HubForwardingFeed)_b.Services.GetRequiredService<ILiveFeed>();
        using var relay = _a.Services.GetRequiredService<ILiveFeed>().Subscribe(_ => true, change =>
        {
            bFeed.Inner.Publish(change);
            return Task.CompletedTask;
        });
        await using var onB = await HubTestClient.ConnectAsync(_b, await _b.SignInCookieAsync("zkh.1"));

        var order = await CreateThroughApiAsync(_a, "arch.head", "ЖКХ", "Обследовать подвал");
        var marker = await CreateThroughApiAsync(_a, "arch.head", "ЖКХ", "Маркер");

        Assert.Equal(1, CountOf(await ReceiveUntilAsync(onB, marker), order));
    }

    [Fact]
    public async Task AHubClientOnNodeB_HearsNothingOfAnotherDepartmentsOrderMadeOnNodeA()
    {
        await using var finance = await HubTestClient.ConnectAsync(_b, await _b.SignInCookieAsync("fin.1"));

        var forHousing = await CreateThroughApiAsync(_a, "arch.head", "ЖКХ", "Не для финансов");
        var forFinance = await CreateThroughApiAsync(_a, "arch.head", "Финансы", "Для финансов");

        var received = await ReceiveUntilAsync(finance, forFinance);
        Assert.Equal(0, CountOf(received, forHousing));
    }
}
