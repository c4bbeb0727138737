using LiveOrders.Core;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>The list of delay reasons on a real database: its administration, the rule through the service, the breakdown.</summary>
public sealed class DelayReasonsTests : AdministrationFixture
{
    private DelayReasons Reasons => Db.Services.GetRequiredService<DelayReasons>();

    /// <summary>An order Roads sent to Housing (due in three days), accepted and assigned to the housing clerk, then let run late.</summary>
    private async Task<(int Id, int Version)> OverdueAsync()
    {
        var order = await Db.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        var v = await Db.VersionOfAsync(order.Id);
        v = (await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, v, new AcceptOrder())).Value;
        v = (await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, v, new AssignOrder(Db.HousingClerk.EmployeeId))).Value;
        Db.Clock.Advance(TimeSpan.FromDays(4));
        return (order.Id, v);
    }

    [Fact]
    public async Task TheShippedList_IsThereFromTheStart()
    {
        var names = (await Reasons.ActiveAsync()).Select(r => r.Name).ToList();
        Assert.Equal(["Не поступили сведения от других органов", "Недостаточно ресурсов", "Требуется согласование", "Технические причины", "Иное"], names);
    }

    [Fact]
    public async Task TheAdministrator_AddsRenamesAndRetires_EachInTheAuditLog()
    {
        var added = await Reasons.AddAsync(Admin, "  Ожидается решение суда ");
        Assert.True(added.Ok, added.Message);
        Assert.True((await Reasons.RenameAsync(Admin, added.Value, "Ожидается решение суда или прокуратуры")).Ok);
        Assert.True((await Reasons.SetActiveAsync(Admin, added.Value, false)).Ok);

        Assert.DoesNotContain(await Reasons.ActiveAsync(), r => r.Id == added.Value);
        var row = Assert.Single((await Reasons.AllAsync(Admin)).Value!, r => r.Id == added.Value);
        Assert.Equal(("Ожидается решение суда или прокуратуры", false), (row.Name, row.IsActive));
        var audit = (await AuditAsync()).Where(a => a.EntityType == "DelayReason").ToList();
        Assert.Equal(["delayreason.created", "delayreason.renamed", "delayreason.deactivated"], audit.Select(a => a.Action));
        Assert.Contains("«Ожидается решение суда» → «Ожидается решение суда или прокуратуры»", audit[1].Changes);
        Assert.All(audit, a => Assert.Equal(Admin.EmployeeId, a.ActorId));
    }

    [Fact]
    public async Task ADuplicateName_IgnoringCase_IsRefused()
    {
        var result = await Reasons.AddAsync(Admin, "иное");
        Assert.Equal((Failure.Invalid, "Причина «иное» уже есть в списке."), (result.Failure, result.Message));
        Assert.Equal(5, (await Reasons.AllAsync(Admin)).Value!.Count);
    }

    [Fact]
    public async Task SomeoneOtherThanTheAdministrator_ChangesNothing()
    {
        var result = await Reasons.AddAsync(Db.Controller, "Своя причина");
        Assert.Equal(Failure.Forbidden, result.Failure);
        Assert.Equal(Failure.Forbidden, (await Reasons.SetActiveAsync(Db.HousingHead, 1, false)).Failure);
        Assert.Equal(5, (await Reasons.ActiveAsync()).Count);
    }

    [Fact]
    public async Task AReasonInUse_IsNeverDeleted_AndARetiredOneCannotBeChosen()
    {
        var (id, v) = await OverdueAsync();
        Assert.True((await Db.Orders.ExecuteAsync(Db.HousingClerk, id, v, new SubmitOrder("Ждали подрядчика", 2))).Ok);
        Assert.True((await Reasons.SetActiveAsync(Admin, 2, false)).Ok);

        // The history still names it.
        var submitted = (await Db.Queries.GetAsync(Db.RoadsHead, id)).Value!.History.Last(e => e.Kind == OrderEventKind.Submitted);
        Assert.Equal("Недостаточно ресурсов", submitted.DelayReason);
        Assert.Equal(1, Assert.Single((await Reasons.AllAsync(Admin)).Value!, r => r.Id == 2).Uses);
        // The database refuses a deletion too (restrict): the history points at it.
        await using var db = Db.CreateDbContext();
        db.DelayReasons.Remove(await db.DelayReasons.SingleAsync(r => r.Id == 2));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        var (other, ov) = await OverdueAsync();
        var refused = await Db.Orders.ExecuteAsync(Db.HousingClerk, other, ov, new SubmitOrder("Ждали подрядчика", 2));
        Assert.Equal((Failure.Invalid, OrderDelay.ReasonUnknown), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task AnEmptyReportOnAnOverdueOrder_IsRefusedByTheService_AndNothingIsSaved()
    {
        var (id, v) = await OverdueAsync();
        var published = Db.Feed.Published.Count;

        var result = await Db.Orders.ExecuteAsync(Db.HousingClerk, id, v, new SubmitOrder());

        Assert.Equal((Failure.Invalid, OrderDelay.ReasonMissing, "delayReasonId"), (result.Failure, result.Message, result.Field));
        Assert.Equal(v, await Db.VersionOfAsync(id));
        Assert.Equal(published, Db.Feed.Published.Count);
    }

    [Fact]
    public async Task LateOrders_AreBrokenDownByReason_OverThePeriod_ForControlAndTheCurator()
    {
        var (a, av) = await OverdueAsync();
        var (b, bv) = await OverdueAsync();
        var (c, cv) = await OverdueAsync();
        Assert.True((await Db.Orders.ExecuteAsync(Db.HousingClerk, a, av, new SubmitOrder("Ждём", 3))).Ok);
        Assert.True((await Db.Orders.ExecuteAsync(Db.HousingClerk, b, bv, new SubmitOrder("Ждём", 3))).Ok);
        var requested = await Db.Orders.ExecuteAsync(Db.HousingClerk, c, cv, new RequestExtension(Db.Time.UtcNow.AddDays(5), "Нет людей", 2));
        Assert.True(requested.Ok, requested.Message);
        var today = DateOnly.FromDateTime(Db.Time.LocalNow);

        var control = (await Reasons.LateByReasonAsync(Db.Controller, today.AddDays(-30), today)).Value!;
        Assert.Equal([("Требуется согласование", 2), ("Недостаточно ресурсов", 1)], control.Select(r => (r.Reason, r.Orders)));
        Assert.Equal(control, (await Reasons.LateByReasonAsync(Db.Deputy, today.AddDays(-30), today)).Value!);
        Assert.Empty((await Reasons.LateByReasonAsync(Db.Controller, today.AddDays(-60), today.AddDays(-31))).Value!);
        Assert.Equal(Failure.Forbidden, (await Reasons.LateByReasonAsync(Db.HousingHead, today.AddDays(-30), today)).Failure);
    }
}
