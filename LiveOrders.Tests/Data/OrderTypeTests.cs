using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>Order types: kept by the administrator (audited), chosen by the author, stored on the order.</summary>
public sealed class OrderTypeTests : AdministrationFixture
{
    private OrderTypes Types => Db.Services.GetRequiredService<OrderTypes>();

    private async Task<int> CreateAsync(string name = "Поручение главы", int days = 10, TermKind kind = TermKind.WorkingDays, bool working = true)
    {
        var created = await Types.CreateAsync(Admin, new OrderTypeInput(name, days, kind, working));
        Assert.True(created.Ok, created.Message);
        return created.Value;
    }

    [Fact]
    public async Task TheAdministrator_CreatesChangesAndDeactivatesAType_EachRecorded()
    {
        var id = await CreateAsync();
        var changed = await Types.UpdateAsync(Admin, id, new OrderTypeInput("Поручение главы города", 7, TermKind.WorkingDays, true));
        Assert.True(changed.Ok, changed.Message);
        Assert.True((await Types.SetActiveAsync(Admin, id, false)).Ok);

        Assert.Empty(await Types.ListAsync());
        var all = Assert.Single(await Types.ListAsync(activeOnly: false));
        Assert.Equal(("Поручение главы города", "7 рабочих дней", false), (all.Name, all.TermText, all.IsActive));
        var audit = await AuditAsync();
        Assert.Equal(["ordertype.created", "ordertype.changed", "ordertype.deactivated"], audit.Select(a => a.Action));
        Assert.Contains("Срок: 10 рабочих дней → 7 рабочих дней", audit[1].Changes);
    }

    [Theory]
    [InlineData("", 5, "название")]
    [InlineData("Запрос", 0, "от 1 до 365")]
    [InlineData("Запрос", 366, "от 1 до 365")]
    public async Task BadInput_IsRefusedInRussian(string name, int days, string said)
    {
        var refused = await Types.CreateAsync(Admin, new OrderTypeInput(name, days, TermKind.WorkingDays, true));
        Assert.Equal(LiveOrders.Core.Failure.Invalid, refused.Failure);
        Assert.Contains(said, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Types.ListAsync(activeOnly: false));
    }

    [Fact]
    public async Task ADuplicateName_IsRefused()
    {
        await CreateAsync("Запрос информации");
        var refused = await Types.CreateAsync(Admin, new OrderTypeInput("запрос информации", 5, TermKind.WorkingDays, true));
        Assert.Contains("уже есть", refused.Message);
    }

    [Fact]
    public async Task ANonAdministrator_CannotKeepTypes()
    {
        var refused = await Types.CreateAsync(Db.RoadsHead, new OrderTypeInput("Запрос", 5, TermKind.WorkingDays, true));
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, refused.Failure);
    }

    [Fact]
    public async Task AnOrder_StoresItsType_AndShowsIt()
    {
        var id = await CreateAsync();
        var created = await Db.Orders.CreateAsync(Db.RoadsHead, new NewOrder("Заголовок", "Текст", [Db.Housing.Id], Priority.Normal,
            Db.Time.UtcNow.AddDays(3), TypeId: id));
        Assert.True(created.Ok, created.Message);

        var details = (await Db.Queries.GetAsync(Db.HousingHead, created.Value![0].Id)).Value!;
        Assert.Equal(new OrderTypeRef(id, "Поручение главы"), details.Type);
    }

    [Fact]
    public async Task TheListFiltersByType()
    {
        var id = await CreateAsync();
        await Db.Orders.CreateAsync(Db.RoadsHead, new NewOrder("С видом", "Текст", [Db.Housing.Id], Priority.Normal, Db.Time.UtcNow.AddDays(3), TypeId: id));
        await Db.Orders.CreateAsync(Db.RoadsHead, new NewOrder("Без вида", "Текст", [Db.Housing.Id], Priority.Normal, Db.Time.UtcNow.AddDays(3)));

        var page = await Db.Queries.ListAsync(Db.HousingHead, new OrderFilter(OrderScope.All, TypeId: id));

        Assert.Equal(["С видом"], page.Items.Select(o => o.Title));
    }

    [Fact]
    public async Task ADeactivatedOrUnknownType_IsRefusedAtCreation()
    {
        var id = await CreateAsync();
        await Types.SetActiveAsync(Admin, id, false);
        foreach (var type in new[] { id, 999 })
        {
            var refused = await Db.Orders.CreateAsync(Db.RoadsHead, new NewOrder("Заголовок", "Текст", [Db.Housing.Id], Priority.Normal,
                Db.Time.UtcNow.AddDays(3), TypeId: type));
            Assert.Equal(("type", LiveOrders.Core.Failure.Invalid), (refused.Field, refused.Failure));
        }
        await using var db = Db.CreateDbContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }
}
