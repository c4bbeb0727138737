using System.Text;
using LiveOrders.Core;
using LiveOrders.Core.Attachments;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

public sealed class AttachmentServiceTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8.ToArray();
    private TestDatabase _db = default!;
    private AttachmentService _files = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _files = _db.Services.GetRequiredService<AttachmentService>();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<AttachmentItem>> UploadAsync(LiveOrders.Core.Organization.Actor actor, int orderId, string name, byte[] content, AttachmentLink? link = null) =>
        _files.UploadAsync(actor, orderId, name, content.Length, new MemoryStream(content), link);

    [Fact]
    public async Task AFile_IsStoredUnderItsHash_RecordedInTheHistory_AndPublishedLive()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);

        var result = await UploadAsync(_db.HousingClerk, order.Id, "Акт №5.pdf", Pdf);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(("Акт №5.pdf", Pdf.Length, "application/pdf"), (result.Value!.FileName, (int)result.Value.Size, result.Value.ContentType));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(Path.Combine(_db.AttachmentsPath, sha[..2], sha)));
        var history = (await _db.Queries.GetAsync(_db.RoadsHead, order.Id)).Value!.History;
        var added = Assert.Single(history, e => e.Kind == OrderEventKind.AttachmentAdded);
        Assert.Equal("Акт №5.pdf", added.Reason);
        // Like a comment, a file does not change the order: nobody acting on it at the same moment gets a conflict.
        Assert.Equal(version, await _db.VersionOfAsync(order.Id));
        var change = _db.Feed.Published.Last();
        Assert.Equal((OrderChangeKind.Attachments, order.Id, OrderEventKind.AttachmentAdded), (change.Kind, change.OrderId, change.Event));
    }

    [Fact]
    public async Task TheSameContent_AttachedTwice_IsKeptOnce()
    {
        var order = await _db.SendRoadsToHousingAsync();
        Assert.True((await UploadAsync(_db.RoadsHead, order.Id, "акт.pdf", Pdf)).Ok);
        Assert.True((await UploadAsync(_db.HousingClerk, order.Id, "акт (копия).pdf", Pdf)).Ok);

        Assert.Equal(2, (await _files.ListAsync(_db.RoadsHead, order.Id)).Value!.Count);
        Assert.Single(StoredFiles());
    }

    [Fact]
    public async Task A200MegabyteFile_IsRefusedBeforeAByteIsRead()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var content = new EndlessStream(failAfter: 0);

        var result = await _files.UploadAsync(_db.HousingClerk, order.Id, "скан.pdf", 200L * 1024 * 1024, content);

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Contains("больше допустимого размера", result.Message);
        Assert.Contains("20 МБ", result.Message);
        Assert.Equal(0, content.BytesRead);
        await AssertNothingStoredAsync(order.Id);
    }

    [Fact]
    public async Task AFileLargerThanItClaims_IsCutOffAtTheLimit_AndNothingRemains()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var content = new EndlessStream(prefix: Pdf);   // claims 1 KB, sends without end

        var result = await _files.UploadAsync(_db.HousingClerk, order.Id, "скан.pdf", 1024, content);

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Contains("больше допустимого размера", result.Message);
        Assert.InRange(content.BytesRead, _files.MaxBytes, _files.MaxBytes + 1024 * 1024);
        await AssertNothingStoredAsync(order.Id);
    }

    [Fact]
    public async Task AnUploadInterruptedHalfway_LeavesNoFileAndNoRecord()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var content = new EndlessStream(prefix: Pdf, failAfter: 3 * 1024 * 1024);

        var result = await _files.UploadAsync(_db.HousingClerk, order.Id, "скан.pdf", 6 * 1024 * 1024, content);

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal(AttachmentService.InterruptedMessage, result.Message);
        await AssertNothingStoredAsync(order.Id);
    }

    [Fact]
    public async Task AProgramNamedPdf_IsRefused_AndNothingRemains()
    {
        var order = await _db.SendRoadsToHousingAsync();

        var result = await UploadAsync(_db.HousingClerk, order.Id, "акт.pdf", "MZ\u0090\u0000 program"u8.ToArray());

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Contains("не соответствует расширению «.pdf»", result.Message);
        await AssertNothingStoredAsync(order.Id);
    }

    [Theory]
    [InlineData("../../appsettings.json.txt", "../")]
    [InlineData("акт\u0007.txt", "управляющие")]
    [InlineData("вирус.exe", "Файлы «.exe» прикладывать нельзя")]
    [InlineData("README", "нет расширения")]
    public async Task ABadName_IsRefusedInRussian_AndNothingRemains(string name, string expected)
    {
        var order = await _db.SendRoadsToHousingAsync();

        var result = await UploadAsync(_db.HousingClerk, order.Id, name, "текст"u8.ToArray());

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Contains(expected, result.Message);
        await AssertNothingStoredAsync(order.Id);
    }

    [Fact]
    public async Task SomeoneWhoCannotSeeTheOrder_CanNeitherAttachNorListNorOpen()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var id = (await UploadAsync(_db.RoadsHead, order.Id, "акт.pdf", Pdf)).Value!.Id;

        Assert.Equal(Failure.NotFound, (await UploadAsync(_db.FinanceHead, order.Id, "чужое.pdf", Pdf)).Failure);
        Assert.Equal(Failure.NotFound, (await _files.ListAsync(_db.FinanceHead, order.Id)).Failure);
        Assert.Equal(Failure.NotFound, (await _files.OpenAsync(_db.FinanceHead, order.Id, id)).Failure);
        // Nor by naming the file under an order she does see.
        var hers = await _db.Orders.CreateAsync(_db.FinanceHead, new NewOrder("Своё", null, [_db.Housing.Id], Priority.Normal, _db.Time.UtcNow.AddDays(2)));
        Assert.Equal(Failure.NotFound, (await _files.OpenAsync(_db.FinanceHead, hers.Value![0].Id, id)).Failure);
    }

    [Fact]
    public async Task AController_SeesTheFiles_ButMayNotAttach()
    {
        var order = await _db.SendRoadsToHousingAsync();
        Assert.True((await UploadAsync(_db.RoadsHead, order.Id, "акт.pdf", Pdf)).Ok);

        Assert.Single((await _files.ListAsync(_db.Controller, order.Id)).Value!);
        var refused = await UploadAsync(_db.Controller, order.Id, "справка.pdf", Pdf);
        Assert.Equal(Failure.Forbidden, refused.Failure);
        Assert.False((await _files.FilesAsync(_db.Controller, order.Id)).Value!.CanAttach);
    }

    [Fact]
    public async Task Removing_ByTheUploader_IsRecordedInTheHistory_HidesTheFile_AndKeepsItsContent()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var file = (await UploadAsync(_db.HousingClerk, order.Id, "фото.pdf", Pdf)).Value!;

        var result = await _files.RemoveAsync(_db.HousingClerk, order.Id, file.Id);

        Assert.True(result.Ok, result.Message);
        Assert.Empty((await _files.ListAsync(_db.RoadsHead, order.Id)).Value!);
        Assert.Equal(Failure.NotFound, (await _files.OpenAsync(_db.RoadsHead, order.Id, file.Id)).Failure);
        var removed = Assert.Single((await _db.Queries.GetAsync(_db.RoadsHead, order.Id)).Value!.History, e => e.Kind == OrderEventKind.AttachmentRemoved);
        Assert.Equal("фото.pdf", removed.Reason);
        await using var db = _db.CreateDbContext();
        var row = await db.Attachments.SingleAsync(a => a.Id == file.Id);
        Assert.Equal(_db.HousingClerk.EmployeeId, row.RemovedById);
        Assert.Single(StoredFiles());   // kept for the audit
        Assert.Equal(OrderEventKind.AttachmentRemoved, _db.Feed.Published.Last().Event);
        // Twice is once.
        Assert.Equal(Failure.NotFound, (await _files.RemoveAsync(_db.HousingClerk, order.Id, file.Id)).Failure);
    }

    [Fact]
    public async Task OnlyTheUploaderOrTheOrdersAuthor_MayRemove_AndOnlyWhileTheOrderIsOpen()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var clerks = (await UploadAsync(_db.HousingClerk, order.Id, "фото.pdf", Pdf)).Value!;
        var heads = (await UploadAsync(_db.HousingHead, order.Id, "справка.pdf", Pdf)).Value!;

        Assert.True(clerks.CanRemove);
        Assert.Equal(Failure.Forbidden, (await _files.RemoveAsync(_db.HousingClerk, order.Id, heads.Id)).Failure);
        Assert.True((await _files.RemoveAsync(_db.RoadsHead, order.Id, heads.Id)).Ok);   // the author

        var v = await _db.VersionOfAsync(order.Id);
        Assert.True((await _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, v, new CancelOrder("Не нужно"))).Ok);
        var refused = await _files.RemoveAsync(_db.HousingClerk, order.Id, clerks.Id);
        Assert.Equal(Failure.Forbidden, refused.Failure);
        Assert.Contains("Отменено", refused.Message);
        Assert.Equal(Failure.Forbidden, (await UploadAsync(_db.RoadsHead, order.Id, "ещё.pdf", Pdf)).Failure);
    }

    [Fact]
    public async Task AFile_GoesWithOnesOwnReportOrComment_NotWithSomeoneElses()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var v = await _db.VersionOfAsync(order.Id);
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AcceptOrder())).Value;
        Assert.True((await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new SubmitOrder("Сделано, акт прилагается"))).Ok);
        await using var db = _db.CreateDbContext();
        var report = await db.OrderEvents.Where(e => e.OrderId == order.Id && e.Kind == OrderEventKind.Submitted).Select(e => e.Id).SingleAsync();
        var comment = (await _db.Orders.CommentAsync(_db.RoadsHead, order.Id, "Где акт?")).Value;

        var withReport = await UploadAsync(_db.HousingHead, order.Id, "акт.pdf", Pdf, new AttachmentLink(ReportEventId: report));
        var withComment = await UploadAsync(_db.RoadsHead, order.Id, "образец.pdf", Pdf, new AttachmentLink(CommentId: comment));

        Assert.Equal(AttachmentPlace.Report, withReport.Value!.Place);
        Assert.Equal(AttachmentPlace.Comment, withComment.Value!.Place);
        Assert.Equal(Failure.Invalid, (await UploadAsync(_db.RoadsHead, order.Id, "акт.pdf", Pdf, new AttachmentLink(ReportEventId: report))).Failure);
        Assert.Equal(Failure.Invalid, (await UploadAsync(_db.HousingHead, order.Id, "акт.pdf", Pdf, new AttachmentLink(CommentId: comment))).Failure);
    }

    private async Task AssertNothingStoredAsync(int orderId)
    {
        Assert.Empty(StoredFiles());
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Attachments.AnyAsync(a => a.OrderId == orderId));
        Assert.False(await db.OrderEvents.AnyAsync(e => e.OrderId == orderId && e.Kind == OrderEventKind.AttachmentAdded));
        Assert.DoesNotContain(_db.Feed.Published, c => c.Kind == OrderChangeKind.Attachments);
    }

    /// <summary>Every file in the store, temporary ones included.</summary>
    private List<string> StoredFiles() => Directory.Exists(_db.AttachmentsPath)
        ? Directory.EnumerateFiles(_db.AttachmentsPath, "*", SearchOption.AllDirectories).ToList()
        : [];
}

/// <summary>A stream of <paramref name="prefix"/> and then zeros without end, that breaks after <paramref name="failAfter"/> bytes if asked.</summary>
internal sealed class EndlessStream(byte[]? prefix = null, long? failAfter = null) : Stream
{
    private readonly byte[] _prefix = prefix ?? [];
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (failAfter is { } limit && BytesRead >= limit) throw new IOException("The connection was reset.");
        var n = count;
        for (var i = 0; i < n; i++)
            buffer[offset + i] = BytesRead + i < _prefix.Length ? _prefix[BytesRead + i] : (byte)0;
        BytesRead += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
