using System.Net.Http.Json;
using System.Net;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>The SignalR hub for external clients, spoken to over its real protocol: scoped exactly like the pages.</summary>
public sealed class HubTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{

    private async Task<CreatedOrder> IssueAsync(string author, string toDepartment, string title)
    {
        var actor = await app.ActorAsync(author);
        var department = (await app.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == toDepartment);
        var result = await app.Services.GetRequiredService<OrderService>().CreateAsync(actor,
            new NewOrder(title, null, [department.Id], Priority.Normal, DateTime.UtcNow.AddDays(3)));
        Assert.True(result.Ok, result.Message);
        return result.Value![0];
    }

    [Fact]
    public async Task TheHub_PushesAChangeToItsDepartment_AndNothingToAnUnrelatedOne()
    {
        await using var housing = await HubTestClient.ConnectAsync(app, await app.SignInCookieAsync("zkh.1"));
        await using var finance = await HubTestClient.ConnectAsync(app, await app.SignInCookieAsync("fin.1"));

        var forHousing = await IssueAsync("arch.head", "ЖКХ", "Проверить освещение во дворе");
        var received = await housing.NextOrderChangedAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(received);
        Assert.Equal(forHousing.Id, received!.Value.GetProperty("orderId").GetInt32());
        Assert.Equal("Created", received.Value.GetProperty("kind").GetString());
        Assert.Equal("New", received.Value.GetProperty("status").GetString());
        Assert.Equal("Проверить освещение во дворе", received.Value.GetProperty("card").GetProperty("title").GetString());

        // Finance hears of its own order next, and of the housing one never (the feed keeps each subscriber's order).
        var forFinance = await IssueAsync("arch.head", "Финансы", "Оценить стоимость освещения");
        var financeFirst = await finance.NextOrderChangedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(forFinance.Id, financeFirst!.Value.GetProperty("orderId").GetInt32());
    }

    [Fact]
    public async Task AUserMovedToAnotherDepartment_IsCutOffFromTheOldOnesEvents_AndCanNoLongerWriteWithTheOldRights()
    {
        var mover = await app.ActorAsync("law.1");
        await using var hub = await HubTestClient.ConnectAsync(app, await app.SignInCookieAsync("law.1"));
        // The connection is live: it hears of an order for its department.
        var forLaw = await IssueAsync("arch.head", "Юридический", "Проверить договор подряда");
        Assert.Equal(forLaw.Id, (await hub.NextOrderChangedAsync(TimeSpan.FromSeconds(10)))!.Value.GetProperty("orderId").GetInt32());
        var admin = await app.ActorAsync("admin");
        var controlDepartment = (await app.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == "Контроль");

        var moved = await app.Services.GetRequiredService<PeopleAdministration>().MoveAsync(admin, mover.EmployeeId, controlDepartment.Id, version: null);

        Assert.True(moved.Ok, moved.Message);
        Assert.True(await hub.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        var write = await app.Services.GetRequiredService<OrderService>().CreateAsync(mover,
            new NewOrder("Старые права", null, [controlDepartment.Id], Priority.Normal, DateTime.UtcNow.AddDays(1)));
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, write.Failure);
        var fresh = await app.ActorAsync("law.1");
        Assert.Equal(controlDepartment.Id, fresh.DepartmentId);
    }

    [Fact]
    public async Task OnlyAnAdministrator_MovesPeople()
    {
        var head = await app.ActorAsync("law.head");
        var result = await app.Services.GetRequiredService<PeopleAdministration>().MoveAsync(head, head.EmployeeId, 1, version: null);
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task TheHub_RefusesAnonymousClients()
    {
        var response = await app.Anonymous().PostAsync("/hubs/orders/negotiate?negotiateVersion=1", null);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5419")]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task APageOnAnotherOrigin_CannotOpenTheHubWithTheUsersCookie(string origin)
    {
        var cookie = await app.SignInCookieAsync("arch.1");

        var negotiate = await HubTestClient.NegotiateAsync(app, cookie, origin: origin);

        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        // Nor can it upgrade with a connection token it got some other way.
        var token = (await (await HubTestClient.NegotiateAsync(app, cookie)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("connectionToken").GetString();
        var ws = app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r => { r.Headers["Cookie"] = cookie; r.Headers["Origin"] = origin; };
        await Assert.ThrowsAnyAsync<Exception>(() =>
            ws.ConnectAsync(new Uri(app.Server.BaseAddress, $"/hubs/orders?id={token}".Replace("http", "ws")), CancellationToken.None));
    }

    [Fact]
    public async Task APageOfLiveOrdersItself_OpensTheHub_AndReceivesItsChanges()
    {
        var origin = app.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var housing = await HubTestClient.ConnectAsync(app, await app.SignInCookieAsync("zkh.1"), origin: origin);

        var order = await IssueAsync("arch.head", "ЖКХ", "Проверить колодцы");

        var received = await housing.NextOrderChangedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(order.Id, received?.GetProperty("orderId").GetInt32());
    }
}
