using LiveOrders.Core.Attachments;
using LiveOrders.Tests.Data;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Components.Orders;

public sealed class AttachmentUploadTests
{
    [Fact]
    public async Task A200MegabyteFileFromTheBrowser_IsRefusedInRussian_WithoutBeingOpened()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        var file = new BrowserFile("Скан дела.pdf", 200L * 1024 * 1024);

        var errors = await AttachmentUpload.SendAsync(database.Services.GetRequiredService<AttachmentService>(), database.HousingClerk, id, [file]);

        Assert.Equal("Файл «Скан дела.pdf» (200 МБ) больше допустимого размера: можно прикладывать файлы до 20 МБ.", Assert.Single(errors));
        Assert.False(file.Opened);
        await using var db = database.CreateDbContext();
        Assert.False(await db.Attachments.AnyAsync());
    }

    [Fact]
    public async Task AFileWhoseStreamBreaks_IsReportedAsInterrupted_AndLeavesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        var file = new BrowserFile("Акт.pdf", 4 * 1024 * 1024, new EndlessStream("%PDF-1.4\n"u8.ToArray(), failAfter: 1024 * 1024));

        var errors = await AttachmentUpload.SendAsync(database.Services.GetRequiredService<AttachmentService>(), database.HousingClerk, id, [file]);

        Assert.Equal($"«Акт.pdf»: {AttachmentService.InterruptedMessage}", Assert.Single(errors));
        await using var db = database.CreateDbContext();
        Assert.False(await db.Attachments.AnyAsync());
        Assert.Empty(Directory.Exists(database.AttachmentsPath)
            ? Directory.EnumerateFiles(database.AttachmentsPath, "*", SearchOption.AllDirectories) : []);
    }

    /// <summary>A file as the browser describes it; its content is read only if <see cref="OpenReadStream"/> is called.</summary>
    private sealed class BrowserFile(string name, long size, Stream? content = null) : IBrowserFile
    {
        public bool Opened { get; private set; }
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => size;
        public string ContentType => "application/pdf";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened = true;
            return content ?? throw new IOException("Not expected to be read.");
        }
    }
}
