using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>An administrator puts a new person in through the page; that person signs in with what the page showed and replaces it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationTests(BrowserFixture browser)
{
    [Fact]
    public async Task APersonCreatedOnThePeoplePage_SignsInWithTheOneTimePassword_ReplacesIt_AndLandsOnTheirOrders()
    {
        var login = $"new.{Guid.NewGuid().ToString("N")[..6]}";
        var admin = await browser.SignInAsync("admin");
        await admin.GotoAsync("/admin/people");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.GetByTestId("person-add").ClickAsync();
        await admin.GetByTestId("person-login").FillAsync(login);
        await admin.GetByTestId("person-name").FillAsync("Новенькая Надежда Николаевна");
        await admin.GetByTestId("person-position").FillAsync("Специалист");
        await admin.GetByTestId("person-email").FillAsync($"{login}@city.example.ru");
        await BrowserFixture.PickAsync(admin, "person-department", "Управление жилищно-коммунального хозяйства");
        await admin.GetByTestId("person-save").ClickAsync();
        var password = (await admin.GetByTestId("person-password").TextContentAsync())!.Trim();
        Assert.Equal(14, password.Length);
        await Expect(admin.GetByTestId("person-row-name").Filter(new() { HasText = "Новенькая Надежда Николаевна" })).ToBeVisibleAsync();

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.App.BaseUrl, Locale = "ru-RU" });
        var person = await context.NewPageAsync();
        await person.GotoAsync("/login");
        await person.FillAsync("#userName", login);
        await person.FillAsync("#password", password);
        await person.ClickAsync("button[type=submit]");
        // The one-time password opens only its own replacement.
        await BrowserFixture.ReplaceOneTimePasswordAsync(person, password, "Svoj-Parol-2026");

        await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Мои поручения" })).ToBeVisibleAsync();
        await Expect(person.GetByTestId("current-user")).ToHaveTextAsync("Новенькая Н. Н.");
        await context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
