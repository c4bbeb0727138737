using Bunit;
using LiveOrders.Core.Attachments;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders;

public sealed class OrderAttachmentsTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();

    private static async Task<AttachmentItem> AttachAsync(TestDatabase database, Actor by, int orderId, string name)
    {
        var result = await database.Services.GetRequiredService<AttachmentService>().UploadAsync(by, orderId, name, Pdf.Length, new MemoryStream(Pdf));
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    private static IRenderedComponent<OrderAttachments> Render(BunitContext ctx, Actor viewer, int orderId)
    {
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();
        return ctx.Render<OrderAttachments>(p => p.Add(x => x.OrderId, orderId).Add(x => x.Actor, viewer));
    }

    private static List<string> Names(IRenderedComponent<OrderAttachments> cut) =>
        cut.FindAll("[data-testid=attachment-name]").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task EachFile_IsListed_AndOnlyItsUploaderOrTheOrdersAuthorIsOfferedToRemoveIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await AttachAsync(database, database.RoadsHead, id, "Задание.pdf");
        await AttachAsync(database, database.HousingClerk, id, "Фото.pdf");

        await using var clerk = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = Render(clerk, database.HousingClerk, id);

        Assert.Equal(["Задание.pdf", "Фото.pdf"], Names(cut));
        var items = cut.FindAll("[data-testid=attachment]");
        Assert.Empty(items[0].QuerySelectorAll("[data-testid=attachment-remove]"));
        Assert.Single(items[1].QuerySelectorAll("[data-testid=attachment-remove]"));
        Assert.Equal(2, cut.FindAll("[data-testid=attachment-preview-toggle]").Count);   // PDFs preview in the page
        Assert.NotEmpty(cut.FindAll("[data-testid=attach-files]"));

        await using var author = await ComponentTest.CreateAsync(database, database.RoadsHead);
        Assert.Equal(2, Render(author, database.RoadsHead, id).FindAll("[data-testid=attachment-remove]").Count);
    }

    [Fact]
    public async Task AController_SeesTheFiles_ButIsOfferedNeitherToAttachNorToRemove()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await AttachAsync(database, database.RoadsHead, id, "Задание.pdf");
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);

        var cut = Render(ctx, database.Controller, id);

        Assert.Equal(["Задание.pdf"], Names(cut));
        Assert.Empty(cut.FindAll("[data-testid=attach-files]"));
        Assert.Empty(cut.FindAll("[data-testid=attachment-remove]"));
    }

    [Fact]
    public async Task AFileAttachedOrRemovedBySomeoneElse_AppearsAndGoes_WithoutReload()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = Render(ctx, database.HousingHead, id);
        cut.WaitForElement("[data-testid=attachments-empty]");

        var file = await AttachAsync(database, database.RoadsHead, id, "Смета.pdf");
        cut.WaitForAssertion(() => Assert.Equal(["Смета.pdf"], Names(cut)));

        Assert.True((await database.Services.GetRequiredService<AttachmentService>().RemoveAsync(database.RoadsHead, id, file.Id)).Ok);
        cut.WaitForElement("[data-testid=attachments-empty]");
    }

    [Fact]
    public async Task PickingFiles_SavesTheGoodOnes_AndSaysInRussianWhyTheOthersWereRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = Render(ctx, database.HousingClerk, id);

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(Pdf, "Акт.pdf"),
            InputFileContent.CreateFromBinary("MZ\u0090\0"u8.ToArray(), "Не акт.pdf"),
            InputFileContent.CreateFromText("echo", "скрипт.bat"));

        cut.WaitForAssertion(() => Assert.Equal(["Акт.pdf"], Names(cut)));
        var errors = cut.FindAll("[data-testid=attachment-error]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains("«Не акт.pdf»: Содержимое файла не соответствует расширению «.pdf»", errors[0]);
        Assert.Contains("Файлы «.bat» прикладывать нельзя", errors[1]);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.OrderId == id));
    }

    [Fact]
    public async Task Removing_AsksOnce_ThenTheFileLeavesTheList_AndTheHistoryRecordsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await AttachAsync(database, database.HousingClerk, id, "Лишнее.pdf");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = Render(ctx, database.HousingClerk, id);

        cut.Find("[data-testid=attachment-remove]").Click();
        Assert.Equal(["Лишнее.pdf"], Names(cut));   // not before it is confirmed
        cut.Find("[data-testid=attachment-remove-confirm]").Click();

        cut.WaitForElement("[data-testid=attachments-empty]");
        var history = (await database.Queries.GetAsync(database.RoadsHead, id)).Value!.History;
        Assert.Contains(history, e => e.Kind == OrderEventKind.AttachmentRemoved && e.Reason == "Лишнее.pdf");
    }

    [Fact]
    public async Task FilesPickedWithAComment_AreAttachedToThatComment_OnceItIsSaved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(id);

        var picker = page.FindComponents<AttachmentPicker>().Single();
        picker.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Pdf, "Образец.pdf"));
        page.WaitForElement("[data-testid=comment-files-file]");
        page.Find("[data-testid=comment-text]").Input("Образец акта во вложении");
        page.Find("[data-testid=comment-send]").Click();

        page.WaitForAssertion(() => Assert.Contains("к комментарию", page.Find("[data-testid=attachment]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=comment-files-file]"));
        await using var db = database.CreateDbContext();
        var comment = await db.OrderComments.SingleAsync(c => c.OrderId == id);
        Assert.Equal(comment.Id, (await db.Attachments.SingleAsync(a => a.OrderId == id)).CommentId);
    }

    [Fact]
    public async Task FilesPickedWithAReport_AreAttachedToThatReport_AndARefusedOneIsNamed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder())).Ok);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);

        page.Find("[data-testid=action-Submit]").Click();
        harness.Dialogs.WaitForElement("[data-testid=reason]");
        var picker = harness.Dialogs.FindComponent<AttachmentPicker>();
        picker.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(Pdf, "Акт выполненных работ.pdf"),
            InputFileContent.CreateFromText("x", "Акт.exe"));
        harness.Dialogs.WaitForAssertion(() => Assert.Contains("Файлы «.exe» прикладывать нельзя", harness.Dialogs.Find("[data-testid=report-files-error]").TextContent));
        harness.Dialogs.Find("[data-testid=reason]").Input("Сделано, акт прилагается");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("к отчёту", page.Find("[data-testid=attachment]").TextContent));
        await using var db = database.CreateDbContext();
        var report = await db.OrderEvents.SingleAsync(e => e.OrderId == id && e.Kind == OrderEventKind.Submitted);
        var file = await db.Attachments.SingleAsync(a => a.OrderId == id);
        Assert.Equal((report.Id, "Акт выполненных работ.pdf"), (file.OrderEventId!.Value, file.FileName));
    }
}
