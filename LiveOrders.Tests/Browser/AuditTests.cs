using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>The audit log from a real browser: a change made in a Blazor circuit carries the circuit's address, and control reads it on /audit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOrderCreatedInTheBrowser_IsRecordedWithTheCircuitsAddress_AndControlFindsItOnTheLog()
    {
        var title = $"Заменить лампы в фойе {Guid.NewGuid().ToString()[..6]}";
        var author = await browser.SignInAsync("arch.head");
        await BrowserFixture.CreateOrderAsync(author, title, "Управление жилищно-коммунального хозяйства");

        using (var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Action, Address FROM AuditEntries WHERE Summary LIKE $title ORDER BY Id";
            command.Parameters.AddWithValue("$title", $"%{title}%");
            using var reader = command.ExecuteReader();
            var rows = new List<(string Action, string? Address)>();
            while (reader.Read()) rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            Assert.Equal(["order.created", "order.sent"], rows.Select(r => r.Action));
            Assert.All(rows, r => Assert.Equal("127.0.0.1", r.Address));
        }

        var control = await browser.SignInAsync("ctrl.1");
        await control.GotoAsync("/audit");
        await BrowserFixture.WaitInteractiveAsync(control);
        await control.GetByTestId("audit-search").FillAsync(title.ToUpperInvariant());
        var rowsShown = control.GetByTestId("audit-row");
        await Expect(rowsShown).ToHaveCountAsync(2);
        await Expect(rowsShown.First.GetByTestId("audit-address")).ToHaveTextAsync("127.0.0.1");
        await Expect(rowsShown.First.GetByTestId("audit-summary")).ToContainTextAsync("Отправлено исполнителю");
        await author.Context.CloseAsync();
        await control.Context.CloseAsync();
    }
}
