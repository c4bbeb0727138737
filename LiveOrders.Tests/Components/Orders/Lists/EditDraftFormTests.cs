using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders.Lists;

/// <summary>The creation form at /orders/{id}/edit: filled with the author's draft, saved over it, refused to anyone else.</summary>
public sealed class EditDraftFormTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheAuthorsDraft_OpensFilledIn_AndIsSavedOverAndSent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var draft = await database.SendRoadsToHousingAsync("Черновик с опечткой", send: false);
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        ctx.Render<MudPopoverProvider>();
        var form = ctx.Render<CreateOrder>(p => p.Add(x => x.EditId, draft.Id));
        var title = form.WaitForElement("input[data-testid=title]", Wait);
        Assert.Equal("Черновик с опечткой", title.GetAttribute("value"));

        title.Input("Черновик без опечатки");
        form.Find("button[data-testid=send]").Click();

        form.WaitForAssertion(() => Assert.EndsWith($"/orders/{draft.Id}", ctx.Services.GetRequiredService<NavigationManager>().Uri), Wait);
        var details = (await database.Queries.GetAsync(database.RoadsHead, draft.Id)).Value!;
        Assert.Equal(("Черновик без опечатки", OrderStatus.New), (details.Title, details.Status));
        Assert.Equal([OrderEventKind.Created, OrderEventKind.DraftEdited, OrderEventKind.Sent], details.History.Select(e => e.Kind).ToArray());
    }

    [Fact]
    public async Task ASentOrder_IsNotEditedWhole_TheFormIsNotShown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sent = await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        ctx.Render<MudPopoverProvider>();

        var form = ctx.Render<CreateOrder>(p => p.Add(x => x.EditId, sent.Id));

        form.WaitForElement("[data-testid=read-only]", Wait);
        Assert.Empty(form.FindAll("[data-testid=create-form]"));
    }
}
