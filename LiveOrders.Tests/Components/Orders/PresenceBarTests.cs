using Bunit;
using LiveOrders.Core.Live;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders;

public sealed class PresenceBarTests
{
    [Fact]
    public async Task OthersOnTheTopic_AreShown_AndSoIsTheirTyping()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        ctx.Render<MudPopoverProvider>();
        var presence = ctx.Services.GetRequiredService<Presence>();
        var bar = ctx.Render<PresenceBar>(p => p.Add(x => x.Topic, "order:1").Add(x => x.Actor, database.RoadsHead));
        Assert.Contains("Кроме вас здесь никого", bar.Markup);

        var other = Guid.NewGuid();
        using var membership = presence.Join("order:1", new PresenceMember(other, database.HousingHead.EmployeeId, database.HousingHead.FullName), () => { });
        bar.WaitForAssertion(() => Assert.Single(bar.FindAll("[data-testid=viewer]")));
        Assert.Contains("Жилищный Н.", bar.Find("[data-testid=presence]").TextContent);

        presence.Typing("order:1", other);
        bar.WaitForAssertion(() => Assert.Equal("Жилищный Н. печатает…", bar.Find("[data-testid=typing]").TextContent));
    }

    [Fact]
    public async Task GivenAnotherTopic_TheBarLeavesTheOldOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        ctx.Render<MudPopoverProvider>();
        var presence = ctx.Services.GetRequiredService<Presence>();
        var bar = ctx.Render<PresenceBar>(p => p.Add(x => x.Topic, "order:1").Add(x => x.Actor, database.RoadsHead));
        bar.WaitForAssertion(() => Assert.Single(presence.Members("order:1")));

        bar.Render(p => p.Add(x => x.Topic, "order:2"));

        Assert.Empty(presence.Members("order:1"));
        Assert.Single(presence.Members("order:2"));
    }
}
