using LiveOrders.Core;
using LiveOrders.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

public sealed class DepartmentAdministrationTests : AdministrationFixture
{
    private async Task<DepartmentRow> RowAsync(int id) => (await Departments.TreeAsync(Admin)).Value!.Single(r => r.Id == id);

    [Fact]
    public async Task Create_AddsTheDepartmentUnderItsParent_AndWritesWhoWhenWhatInTheSameSave()
    {
        var notified = 0;
        Db.Services.GetRequiredService<StructureChanges>().DepartmentsChanged += () => notified++;

        var created = await Departments.CreateAsync(Admin, new DepartmentForm("  Отдел   ремонта дорог ", "Ремонт", Db.Roads.Id, Db.Deputy.EmployeeId));

        Assert.True(created.Ok, created.Message);
        var department = await DepartmentAsync(created.Value);
        Assert.Equal(("Отдел ремонта дорог", "Ремонт", Db.Roads.Id), (department.Name, department.ShortName, department.ParentId));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(("department.created", "Department", created.Value.ToString()), (entry.Action, entry.EntityType, entry.EntityId));
        Assert.Equal((Admin.EmployeeId, Admin.FullName, Db.Clock.GetUtcNow().UtcDateTime), (entry.ActorId, entry.ActorName, entry.At));
        Assert.Contains("Название: — → «Отдел ремонта дорог»", entry.Changes);
        Assert.Contains("Входит в: — → «Управление дорог»", entry.Changes);
        Assert.Contains("Куратор: — → «Замов Зам Замович»", entry.Changes);
        Assert.Equal(1, notified);
    }

    [Theory]
    [InlineData("", "Кр", "name")]
    [InlineData("\u200B\u200B", "Кр", "name")]
    [InlineData("управление ЖКХ", "Кр", "name")]
    [InlineData("Новый отдел", "   ", "shortName")]
    public async Task Create_RefusesEmptyOrDuplicateNames_WithTheField(string name, string shortName, string field)
    {
        var result = await Departments.CreateAsync(Admin, new DepartmentForm(name, shortName, Db.Roads.Id, null));
        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal(field, result.Field);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Create_RefusesACuratorWhoIsNotADeputyHead()
    {
        var result = await Departments.CreateAsync(Admin, new DepartmentForm("Отдел", "Отдел", Db.Roads.Id, Db.RoadsHead.EmployeeId));
        Assert.Equal("curator", result.Field);
    }

    [Fact]
    public async Task MovingADepartmentUnderItsOwnSubDepartment_IsRefusedAsACycle()
    {
        var child = (await Departments.CreateAsync(Admin, new DepartmentForm("Отдел ремонта", "Ремонт", Db.Roads.Id, null))).Value;
        var grandChild = (await Departments.CreateAsync(Admin, new DepartmentForm("Сектор ям", "Ямы", child, null))).Value;
        var roads = await RowAsync(Db.Roads.Id);

        var underGrandChild = await Departments.UpdateAsync(Admin, Db.Roads.Id, new DepartmentForm(roads.Name, roads.ShortName, grandChild, roads.CuratorId), roads.Version);
        var underItself = await Departments.UpdateAsync(Admin, Db.Roads.Id, new DepartmentForm(roads.Name, roads.ShortName, Db.Roads.Id, roads.CuratorId), roads.Version);

        Assert.Equal(("parent", Failure.Invalid), (underGrandChild.Field, underGrandChild.Failure));
        Assert.Contains("круг", underGrandChild.Message);
        Assert.Equal("parent", underItself.Field);
        Assert.Equal(roads.ParentId, (await DepartmentAsync(Db.Roads.Id)).ParentId);
    }

    [Fact]
    public async Task Rename_OverAStaleVersion_IsAConflict_AndChangesNothing()
    {
        var seen = await RowAsync(Db.Finance.Id);
        Assert.True((await Departments.UpdateAsync(Admin, Db.Finance.Id, new DepartmentForm("Финансы и бюджет", "Финансы", seen.ParentId, null), seen.Version)).Ok);

        var late = await Departments.UpdateAsync(Admin, Db.Finance.Id, new DepartmentForm("Казначейство", "Казна", seen.ParentId, null), seen.Version);

        Assert.Equal(Failure.Conflict, late.Failure);
        Assert.Equal("Финансы и бюджет", (await DepartmentAsync(Db.Finance.Id)).Name);
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal("Название: «Финансовое управление» → «Финансы и бюджет»", entry.Changes);
    }

    [Fact]
    public async Task ChangingTheCurator_InvalidatesTheOldAndTheNewCurator()
    {
        var changed = new List<int>();
        Db.Directory.Changed += changed.Add;
        var row = await RowAsync(Db.Roads.Id);

        var result = await Departments.UpdateAsync(Admin, Db.Roads.Id, new DepartmentForm(row.Name, row.ShortName, row.ParentId, null), row.Version);

        Assert.True(result.Ok, result.Message);
        Assert.Equal([Db.Deputy.EmployeeId], changed);
        Assert.Equal([Db.Housing.Id], (await Db.Directory.FindByEmployeeIdAsync(Db.Deputy.EmployeeId))!.SupervisedDepartmentIds);
    }

    [Fact]
    public async Task SettingAHead_PromotesTheEmployee_AndThePreviousHeadBecomesAnEmployee()
    {
        var changed = new List<int>();
        Db.Directory.Changed += changed.Add;

        var result = await Departments.SetHeadAsync(Admin, Db.Roads.Id, Db.RoadsClerk.EmployeeId);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(Role.DepartmentHead, (await EmployeeAsync(Db.RoadsClerk.EmployeeId)).Role);
        Assert.Equal(Role.Employee, (await EmployeeAsync(Db.RoadsHead.EmployeeId)).Role);
        Assert.Equal([Db.RoadsClerk.EmployeeId, Db.RoadsHead.EmployeeId], changed);
        Assert.Contains("Начальник: «Дорожный Начальник» → «Дорожный Сотрудник»", Assert.Single(await AuditAsync()).Changes);
    }

    [Fact]
    public async Task SettingAHeadFromAnotherDepartment_IsRefused()
    {
        var result = await Departments.SetHeadAsync(Admin, Db.Roads.Id, Db.HousingClerk.EmployeeId);
        Assert.Equal("head", result.Field);
        Assert.Equal(Role.Employee, (await EmployeeAsync(Db.HousingClerk.EmployeeId)).Role);
    }

    [Fact]
    public async Task DeactivatingADepartmentWithPeopleOrOpenOrders_IsRefused_WithWhatToDo()
    {
        var order = await Db.SendRoadsToHousingAsync();

        var result = await Departments.DeactivateAsync(Admin, Db.Housing.Id);

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Contains("сотрудников (2)", result.Message);
        Assert.Contains(order.Number, result.Message);
        Assert.True((await DepartmentAsync(Db.Housing.Id)).IsActive);
    }

    [Fact]
    public async Task AnEmptyDepartment_IsDeactivatedNotDeleted_AndLeavesTheCreationChoices_AndComesBack()
    {
        var id = (await Departments.CreateAsync(Admin, new DepartmentForm("Пресс-служба", "Пресса", Db.Roads.Id, null))).Value;

        Assert.True((await Departments.DeactivateAsync(Admin, id)).Ok);
        Assert.DoesNotContain(await Db.Queries.DepartmentsAsync(), d => d.Id == id);
        Assert.False((await DepartmentAsync(id)).IsActive);
        Assert.True((await Departments.ReactivateAsync(Admin, id)).Ok);
        Assert.Contains(await Db.Queries.DepartmentsAsync(), d => d.Id == id);
        Assert.Equal(["department.created", "department.deactivated", "department.reactivated"], (await AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task NoneButAnAdministrator_ManagesDepartments()
    {
        foreach (var actor in new[] { Db.RoadsHead, Db.Deputy, Db.Controller, Db.RoadsClerk,
                     Admin with { Integration = new LiveOrders.Core.Integrations.IntegrationScope([], true) } })
        {
            Assert.Equal(Failure.Forbidden, (await Departments.CreateAsync(actor, new DepartmentForm("Взлом", "Взлом", Db.Roads.Id, null))).Failure);
            Assert.Equal(Failure.Forbidden, (await Departments.SetHeadAsync(actor, Db.Roads.Id, actor.EmployeeId)).Failure);
            Assert.Equal(Failure.Forbidden, (await Departments.DeactivateAsync(actor, Db.Finance.Id)).Failure);
            Assert.Equal(Failure.Forbidden, (await Departments.TreeAsync(actor)).Failure);
        }
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task AnAdministratorWhoseRightsChanged_IsRefusedUntilReload()
    {
        Db.Directory.Invalidate(Admin.EmployeeId);
        var result = await Departments.CreateAsync(Admin, new DepartmentForm("Отдел", "Отдел", Db.Roads.Id, null));
        Assert.Equal(Failure.Forbidden, result.Failure);
    }
}
