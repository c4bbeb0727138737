using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

public sealed class PeopleAdministrationTests : AdministrationFixture
{
    private PersonForm NewClerk(string login = "ivanov.ii") =>
        new(login, "Иванов Иван Иванович", "Специалист", "ivanov@city.example.ru", Db.Roads.Id, Role.Employee);

    private async Task<PersonRow> RowAsync(int id) => (await People.GetAsync(Admin, id)).Value!;

    [Fact]
    public async Task Create_MakesThePersonAndTheirAccount_WithAOneTimePasswordThatVerifies_AndAnAuditRow()
    {
        var created = await People.CreateAsync(Admin, NewClerk());

        Assert.True(created.Ok, created.Message);
        await using var db = Db.CreateDbContext();
        var employee = await db.Employees.SingleAsync(e => e.Id == created.Value!.Id);
        var user = await db.Users.SingleAsync(u => u.Id == employee.UserId);
        Assert.Equal(("ivanov.ii", "IVANOV.II"), (user.UserName, user.NormalizedUserName));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<IdentityUser>().VerifyHashedPassword(user, user.PasswordHash!, created.Value!.Password));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(("person.created", "Employee", employee.Id.ToString(), Admin.FullName), (entry.Action, entry.EntityType, entry.EntityId, entry.ActorName));
        Assert.Contains("Логин: — → «ivanov.ii»", entry.Changes);
        Assert.Contains("Роль: — → «Сотрудник»", entry.Changes);
        Assert.DoesNotContain(created.Value.Password, entry.Changes + entry.Summary);
    }

    [Theory]
    [InlineData("IVANOV.II", "login")]
    [InlineData("иванов", "login")]
    [InlineData("", "login")]
    public async Task Create_RefusesATakenOrMalformedLogin_CaseInsensitively(string login, string field)
    {
        Assert.True((await People.CreateAsync(Admin, NewClerk())).Ok);
        var second = await People.CreateAsync(Admin, NewClerk(login));
        Assert.Equal((Failure.Invalid, field), (second.Failure, second.Field));
        Assert.Single(await AuditAsync());
    }

    [Theory]
    [InlineData(null, "Специалист", "ok@city.ru", "fullName")]
    [InlineData(" \u200B ", "Специалист", "ok@city.ru", "fullName")]
    [InlineData("Петров Пётр", "", "ok@city.ru", "position")]
    [InlineData("Петров Пётр", "Специалист", "not-an-email", "email")]
    [InlineData("Петров Пётр", "Специалист", "a@b", "email")]
    [InlineData("Петров Пётр", "Специалист", "Пётр <p@city.ru>", "email")]
    public async Task Create_RefusesEmptyNamesAndBadEmails(string? name, string position, string email, string field)
    {
        var result = await People.CreateAsync(Admin, new PersonForm("petrov", name, position, email, Db.Roads.Id, Role.Employee));
        Assert.Equal((Failure.Invalid, field), (result.Failure, result.Field));
        await using var db = Db.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "petrov"));
    }

    [Fact]
    public async Task TheLastActiveAdministrator_CanBeNeitherDeactivatedNorDemoted()
    {
        var deactivate = await People.DeactivateAsync(Admin, Admin.EmployeeId);
        var demote = await People.ChangeRoleAsync(Admin, Admin.EmployeeId, Role.Employee, null);

        Assert.Equal(PeopleAdministration.LastAdministratorMessage, deactivate.Message);
        Assert.Equal(PeopleAdministration.LastAdministratorMessage, demote.Message);
        var admin = await EmployeeAsync(Admin.EmployeeId);
        Assert.Equal((true, Role.Administrator), (admin.IsActive, admin.Role));

        // With a second administrator, the first may go.
        var second = (await People.CreateAsync(Admin, NewClerk() with { Role = Role.Administrator })).Value!;
        Assert.True((await People.ChangeRoleAsync(Admin, Admin.EmployeeId, Role.Employee, null)).Ok);
        var secondActor = (await Db.Directory.FindByEmployeeIdAsync(second.Id))!;
        Assert.Equal(PeopleAdministration.LastAdministratorMessage, (await People.DeactivateAsync(secondActor, second.Id)).Message);
    }

    [Fact]
    public async Task Deactivation_EndsEveryCookie_LocksTheAccount_DropsCuratorships_AndInvalidatesThePerson()
    {
        var changed = new List<int>();
        Db.Directory.Changed += changed.Add;
        var created = (await People.CreateAsync(Admin, NewClerk() with { Role = Role.DeputyHead })).Value!;
        await using (var db = Db.CreateDbContext())
        {
            await db.Departments.Where(d => d.Id == Db.Finance.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.CuratorId, created.Id));
        }
        string stampBefore;
        await using (var db = Db.CreateDbContext())
            stampBefore = (await db.Users.SingleAsync(u => u.UserName == "ivanov.ii")).SecurityStamp!;

        var result = await People.DeactivateAsync(Admin, created.Id, (await RowAsync(created.Id)).Version);

        Assert.True(result.Ok, result.Message);
        await using var check = Db.CreateDbContext();
        var user = await check.Users.SingleAsync(u => u.UserName == "ivanov.ii");
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
        Assert.Null((await DepartmentAsync(Db.Finance.Id)).CuratorId);
        Assert.Contains(created.Id, changed);
        Assert.Null(await Db.Directory.FindByEmployeeIdAsync(created.Id));
        var entry = (await AuditAsync()).Last();
        Assert.Equal("person.deactivated", entry.Action);
        Assert.Contains("Действует: да → нет", entry.Changes);
        Assert.Contains("Куратор подразделения «Финансовое управление»", entry.Changes);
    }

    [Fact]
    public async Task APersonsOpenOrders_AreListedWithTheirPart_AndStayWhenTheyAreDeactivated()
    {
        var order = await Db.SendRoadsToHousingAsync();
        var version = await Db.VersionOfAsync(order.Id);
        var accepted = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, version, new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        var assigned = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, accepted.Value, new AssignOrder(Db.HousingClerk.EmployeeId));
        Assert.True(assigned.Ok, assigned.Message);

        var clerkOrders = (await People.OpenOrdersAsync(Admin, Db.HousingClerk.EmployeeId)).Value!;
        var authorOrders = (await People.OpenOrdersAsync(Admin, Db.RoadsHead.EmployeeId)).Value!;
        Assert.True((await People.DeactivateAsync(Admin, Db.HousingClerk.EmployeeId)).Ok);

        Assert.Equal((order.Number, "ответственный"), (Assert.Single(clerkOrders).Number, clerkOrders[0].Part));
        Assert.Equal("автор", Assert.Single(authorOrders).Part);
        Assert.Equal([order.Number], (await People.OpenOrdersAsync(Admin, Db.HousingClerk.EmployeeId)).Value!.Select(o => o.Number));
        Assert.Contains("Открытых поручений с его участием: 1", (await AuditAsync()).Last().Changes);
    }

    [Fact]
    public async Task TwoAdministratorsEditingTheSamePerson_TheSecondGetsAConflict_NotASilentOverwrite()
    {
        var id = (await People.CreateAsync(Admin, NewClerk())).Value!.Id;
        var seenByBoth = await RowAsync(id);

        var first = await People.UpdateAsync(Admin, id, seenByBoth.ToForm() with { Position = "Ведущий специалист" }, seenByBoth.Version);
        var second = await People.UpdateAsync(Admin, id, seenByBoth.ToForm() with { FullName = "Иванов Иван" }, seenByBoth.Version);

        Assert.True(first.Ok, first.Message);
        Assert.Equal(Failure.Conflict, second.Failure);
        var person = await EmployeeAsync(id);
        Assert.Equal(("Иванов Иван Иванович", "Ведущий специалист"), (person.FullName, person.Position));
    }

    [Fact]
    public async Task MovingAndChangingRole_AreAudited_AndTheNewHeadReplacesTheOld()
    {
        var changed = new List<int>();
        Db.Directory.Changed += changed.Add;

        Assert.True((await People.MoveAsync(Admin, Db.HousingClerk.EmployeeId, Db.Roads.Id, null)).Ok);
        Assert.True((await People.ChangeRoleAsync(Admin, Db.HousingClerk.EmployeeId, Role.DepartmentHead, null)).Ok);

        Assert.Equal(Role.Employee, (await EmployeeAsync(Db.RoadsHead.EmployeeId)).Role);
        Assert.Equal([Db.HousingClerk.EmployeeId, Db.HousingClerk.EmployeeId, Db.RoadsHead.EmployeeId], changed);
        var entries = await AuditAsync();
        Assert.Equal(["person.moved", "person.role"], entries.Select(e => e.Action));
        Assert.Equal("Подразделение: «Управление ЖКХ» → «Управление дорог»", entries[0].Changes);
        Assert.Contains("Роль: «Сотрудник» → «Начальник управления»", entries[1].Changes);
    }

    [Fact]
    public async Task ResetPassword_GivesANewPasswordThatVerifies_TheOldOneNoLonger_AndEndsSessions()
    {
        var created = (await People.CreateAsync(Admin, NewClerk())).Value!;
        string stamp;
        await using (var db = Db.CreateDbContext()) stamp = (await db.Users.SingleAsync(u => u.UserName == "ivanov.ii")).SecurityStamp!;

        var reset = await People.ResetPasswordAsync(Admin, created.Id);

        Assert.True(reset.Ok, reset.Message);
        await using var check = Db.CreateDbContext();
        var user = await check.Users.SingleAsync(u => u.UserName == "ivanov.ii");
        var hasher = new PasswordHasher<IdentityUser>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, user.PasswordHash!, reset.Value!));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, created.Password));
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal("person.password", (await AuditAsync()).Last().Action);
    }

    [Fact]
    public async Task Unlock_ClearsTheLockout_AndTheListSaysSo()
    {
        var created = (await People.CreateAsync(Admin, NewClerk())).Value!;
        await using (var db = Db.CreateDbContext())
            await db.Users.Where(u => u.UserName == "ivanov.ii").ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, Db.Clock.GetUtcNow().AddMinutes(5)).SetProperty(u => u.AccessFailedCount, 5));
        Assert.True((await RowAsync(created.Id)).IsLockedOut);

        Assert.True((await People.UnlockAsync(Admin, created.Id)).Ok);

        Assert.False((await RowAsync(created.Id)).IsLockedOut);
        Assert.Equal("Блокировка: да → нет", (await AuditAsync()).Last().Changes);
    }

    [Fact]
    public async Task ThePeopleList_FiltersByTextDepartmentRoleAndActivity()
    {
        Assert.True((await People.DeactivateAsync(Admin, Db.RoadsClerk.EmployeeId)).Ok);

        var byText = (await People.ListAsync(Admin, new PeopleFilter("жилищный"))).Value!;
        var roadsActive = (await People.ListAsync(Admin, new PeopleFilter(DepartmentId: Db.Roads.Id))).Value!;
        var roadsAll = (await People.ListAsync(Admin, new PeopleFilter(DepartmentId: Db.Roads.Id, Active: null))).Value!;
        var heads = (await People.ListAsync(Admin, new PeopleFilter(Role: Role.DepartmentHead))).Value!;

        Assert.Equal(["Жилищный Начальник", "Жилищный Сотрудник"], byText.Select(p => p.FullName));
        Assert.Equal(["Дорожный Начальник"], roadsActive.Select(p => p.FullName));
        Assert.Equal(2, roadsAll.Count);
        Assert.Equal(3, heads.Count);
    }

    [Fact]
    public async Task NoneButAnAdministrator_ManagesPeople_EvenWithForgedIds()
    {
        foreach (var actor in new[] { Db.RoadsHead, Db.Deputy, Db.Controller, Db.RoadsClerk })
        {
            Assert.Equal(Failure.Forbidden, (await People.CreateAsync(actor, NewClerk($"x{actor.EmployeeId}") with { Role = Role.Administrator })).Failure);
            Assert.Equal(Failure.Forbidden, (await People.ChangeRoleAsync(actor, actor.EmployeeId, Role.Administrator, null)).Failure);
            Assert.Equal(Failure.Forbidden, (await People.ResetPasswordAsync(actor, Admin.EmployeeId)).Failure);
            Assert.Equal(Failure.Forbidden, (await People.DeactivateAsync(actor, Admin.EmployeeId)).Failure);
            Assert.Equal(Failure.Forbidden, (await People.ListAsync(actor, new PeopleFilter())).Failure);
            Assert.Equal(Failure.Forbidden, (await People.OpenOrdersAsync(actor, Admin.EmployeeId)).Failure);
        }
        // An actor claiming the administrator role with another person's id is still checked against the directory's generation.
        Db.Directory.Invalidate(Db.RoadsHead.EmployeeId);
        var forged = Db.RoadsHead with { Role = Role.Administrator };
        Assert.Equal(Failure.Forbidden, (await People.ChangeRoleAsync(forged, Db.RoadsHead.EmployeeId, Role.Administrator, null)).Failure);
        Assert.Empty(await AuditAsync());
        Assert.Equal(Role.DepartmentHead, (await EmployeeAsync(Db.RoadsHead.EmployeeId)).Role);
    }
}
