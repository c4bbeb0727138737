using Bunit;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Account;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace LiveOrders.Tests.Components.Account;

/// <summary>What the password section says: why it is required, and why a change was refused, in Russian.</summary>
public sealed class PasswordChangeFormTests
{
    [Theory]
    [InlineData("password-current", "Текущий пароль введён неверно")]
    [InlineData("password-repeat", "не совпадают")]
    [InlineData("password-same", "отличаться от текущего")]
    [InlineData("password-empty", "Заполните все три поля")]
    [InlineData("password-weak", "слишком простой")]
    [InlineData("password-anything", "Не удалось сменить пароль")]
    public async Task ARefusedChange_SaysWhy(string error, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsClerk);

        var form = ctx.Render<PasswordChangeForm>(p => p.Add(f => f.Error, error));

        Assert.Contains(expected, form.Find("[data-testid=password-message]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=password-required]"));
    }

    [Fact]
    public async Task AOneTimePassword_IsExplained_AndTheBrokenRulesAreListed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsClerk);
        var rules = PasswordEndpoints.DescribeRules("PasswordTooShort,PasswordRequiresDigit,Forged<b>,PasswordRequiresDigit",
            new RussianIdentityErrorDescriber(), new PasswordOptions { RequiredLength = 8 });

        var form = ctx.Render<PasswordChangeForm>(p => p.Add(f => f.Forced, true).Add(f => f.Error, "password-weak").Add(f => f.RuleMessages, rules));

        Assert.Contains("Смените пароль, выданный администратором", form.Find("[data-testid=password-required]").TextContent);
        // Only known codes, each once: the address cannot put words of its own on the page.
        Assert.Equal(["Пароль должен быть не короче 8 знаков.", "В пароле должна быть хотя бы одна цифра."],
            form.FindAll("[data-testid=password-rule]").Select(li => li.TextContent.Trim()));
        Assert.True(form.Find("[data-testid=password-current]").HasAttribute("autofocus"));
    }

    [Fact]
    public async Task ADoneChange_IsConfirmed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsClerk);

        var form = ctx.Render<PasswordChangeForm>(p => p.Add(f => f.Done, true));

        Assert.Contains("Пароль изменён", form.Find("[data-testid=password-message]").TextContent);
        Assert.Contains("Не короче 6 знаков", form.Find("#new-password-hint").TextContent);
    }
}
