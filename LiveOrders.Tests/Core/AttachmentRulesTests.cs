using System.Text;
using LiveOrders.Core.Attachments;

namespace LiveOrders.Tests.Core;

public sealed class AttachmentRulesTests
{
    static AttachmentRulesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("../../etc/passwd.txt")]
    [InlineData("..\\..\\Windows\\win.ini.txt")]
    [InlineData("отчёты/../акт.pdf")]
    public void AName_ThatClimbsOutOfAFolder_IsRefused(string name)
    {
        var (clean, refusal) = AttachmentName.Check(name);
        Assert.Null(clean);
        Assert.Contains("../", refusal);
    }

    [Theory]
    [InlineData("акт\u0000.pdf")]
    [InlineData("акт\n.pdf")]
    [InlineData("акт\u001b[31m.pdf")]
    [InlineData("счёт\u202Efdp.exe")]   // right-to-left override: shows as «счётexe.pdf»
    public void AName_WithControlOrInvisibleCharacters_IsRefused(string name)
    {
        var (clean, refusal) = AttachmentName.Check(name);
        Assert.Null(clean);
        Assert.Contains("управляющие", refusal);
    }

    [Theory]
    [InlineData("C:\\fakepath\\Акт №5 от 01.03.2026.pdf", "Акт №5 от 01.03.2026.pdf")]
    [InlineData("/home/user/Фото объекта.JPG", "Фото объекта.JPG")]
    [InlineData("  Отчёт.docx  ", "Отчёт.docx")]
    [InlineData("план: этап 1?.xlsx", "план_ этап 1_.xlsx")]
    [InlineData("\"цитата\" <1>.txt", "_цитата_ _1_.txt")]
    public void AName_KeepsItsLettersAndLosesOnlyFoldersAndUnsafeCharacters(string raw, string expected) =>
        Assert.Equal(expected, AttachmentName.Check(raw).Name);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("C:\\fakepath\\")]
    [InlineData("...")]
    public void AnEmptyName_IsRefused(string raw) => Assert.Equal("У файла нет имени.", AttachmentName.Check(raw).Refusal);

    [Fact]
    public void ALongName_IsShortenedKeepingItsExtension()
    {
        var name = AttachmentName.Check(new string('я', 400) + ".pdf").Name!;
        Assert.Equal(Attachment.NameMaxLength, name.Length);
        Assert.EndsWith("я.pdf", name);
    }

    public static TheoryData<string, byte[]> Genuine() => new()
    {
        { "pdf", "%PDF-1.7\n..."u8.ToArray() },
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] },
        { "jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE1, 0, 16] },
        { "docx", "PK\u0003\u0004\u0014\u0000"u8.ToArray() },
        { "xlsx", "PK\u0003\u0004\u0014\u0000"u8.ToArray() },
        { "odt", "PK\u0003\u0004mimetype"u8.ToArray() },
        { "zip", "PK\u0005\u0006\0\0\0\0"u8.ToArray() },
        { "doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0] },
        { "txt", Encoding.UTF8.GetBytes("Акт выполненных работ №5\r\n") },
        { "csv", Encoding.UTF8.GetBytes("номер;сумма\n1;100\n") },
    };

    [Theory]
    [MemberData(nameof(Genuine))]
    public void Content_ThatMatchesItsExtension_IsAccepted(string extension, byte[] content) =>
        Assert.Null(Check(extension, content));

    public static TheoryData<string, byte[]> Disguised() => new()
    {
        { "pdf", "MZ\u0090\u0000\u0003 This program cannot be run in DOS mode"u8.ToArray() },   // a program named .pdf
        { "jpg", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] },                            // a PNG named .jpg
        { "docx", Encoding.UTF8.GetBytes("<html><script>alert(1)</script>") },                   // a page named .docx
        { "png", [] },                                                                            // nothing at all
        { "txt", [0x4D, 0x5A, 0x90, 0x00, 0x03] },                                                // binary with a NUL
        { "txt", Encoding.GetEncoding("windows-1251").GetBytes("Акт в кодировке 1251") },         // not UTF-8
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public void Content_ThatDoesNotMatchItsExtension_IsRefusedInRussian(string extension, byte[] content)
    {
        var refusal = Check(extension, content);
        Assert.NotNull(refusal);
        Assert.Contains($"«.{extension}»", refusal);
    }

    [Fact]
    public void Utf8Text_WithALetterSplitBetweenTwoChunks_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetBytes("Ж");   // two bytes
        var check = AttachmentContent.For("txt");
        check.Feed(bytes.AsSpan(0, 1));
        check.Feed(bytes.AsSpan(1, 1));
        Assert.Null(check.Complete());
    }

    [Fact]
    public void Utf8Text_CutInTheMiddleOfALetter_IsRefused()
    {
        var check = AttachmentContent.For("txt");
        check.Feed(Encoding.UTF8.GetBytes("Ж").AsSpan(0, 1));
        Assert.NotNull(check.Complete());
    }

    [Fact]
    public void ConfiguredExtensions_ReplaceTheDefaults_AndThoseThatCannotBeCheckedAreLeftOut()
    {
        Assert.Contains("pdf", new AttachmentOptions().Extensions);
        var options = new AttachmentOptions { AllowedExtensions = [".PDF", "png", "exe", "svg"] };
        Assert.Equal(["pdf", "png"], options.Extensions.Order());
    }

    [Theory]
    [InlineData("application/pdf", true)]
    [InlineData("image/png", true)]
    [InlineData("image/jpeg", true)]
    [InlineData("text/plain; charset=utf-8", false)]
    [InlineData("application/zip", false)]
    public void OnlyImagesAndPdf_ArePreviewedInThePage(string contentType, bool previewable) =>
        Assert.Equal(previewable, AttachmentContent.IsPreviewable(contentType));

    private static string? Check(string extension, byte[] content)
    {
        var check = AttachmentContent.For(extension);
        check.Feed(content);
        return check.Complete();
    }
}
