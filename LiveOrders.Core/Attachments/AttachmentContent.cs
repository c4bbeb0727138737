using System.Text;

namespace LiveOrders.Core.Attachments;

/// <summary>
/// What each allowed kind of file must look like inside, so that a program renamed to «акт.pdf» is refused, not stored
/// and handed to the next person to open: the signature (magic bytes) for binary formats, valid UTF-8 without NULs for
/// text. Fed chunk by chunk as the upload streams in, so nothing is held whole in memory.
/// </summary>
public sealed class AttachmentContent
{
    private static readonly byte[] Zip = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] EmptyZip = "PK\u0005\u0006"u8.ToArray();
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private sealed record Kind(string ContentType, byte[][] Signatures, bool Text = false, bool Previewable = false);

    private static readonly Dictionary<string, Kind> Kinds = new()
    {
        ["pdf"] = new("application/pdf", ["%PDF-"u8.ToArray()], Previewable: true),
        ["png"] = new("image/png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]], Previewable: true),
        ["jpg"] = new("image/jpeg", [[0xFF, 0xD8, 0xFF]], Previewable: true),
        ["jpeg"] = new("image/jpeg", [[0xFF, 0xD8, 0xFF]], Previewable: true),
        ["gif"] = new("image/gif", ["GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()], Previewable: true),
        ["zip"] = new("application/zip", [Zip, EmptyZip]),
        ["docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [Zip]),
        ["xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [Zip]),
        ["pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", [Zip]),
        ["odt"] = new("application/vnd.oasis.opendocument.text", [Zip]),
        ["ods"] = new("application/vnd.oasis.opendocument.spreadsheet", [Zip]),
        ["doc"] = new("application/msword", [Ole]),
        ["xls"] = new("application/vnd.ms-excel", [Ole]),
        ["rtf"] = new("application/rtf", ["{\\rtf"u8.ToArray()]),
        ["txt"] = new("text/plain; charset=utf-8", [], Text: true),
        ["csv"] = new("text/csv; charset=utf-8", [], Text: true),
    };

    private readonly string _extension;
    private readonly Kind _kind;
    private readonly byte[] _head = new byte[16];
    private int _headLength;
    private readonly Decoder _utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private string? _refusal;
    private char[] _scratch = new char[4];

    private AttachmentContent(string extension, Kind kind) => (_extension, _kind) = (extension, kind);

    /// <summary>Whether files with this extension can be checked (and so may be allowed at all).</summary>
    public static bool Knows(string extension) => Kinds.ContainsKey(extension);

    public static string ContentTypeOf(string extension) => Kinds.TryGetValue(extension, out var k) ? k.ContentType : "application/octet-stream";

    /// <summary>Images and PDFs: the ones a browser shows itself, and so the only ones served inline.</summary>
    public static bool IsPreviewable(string contentType) => Kinds.Values.Any(k => k.Previewable && k.ContentType == contentType);

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    public static AttachmentContent For(string extension) =>
        new(extension, Kinds.TryGetValue(extension, out var kind) ? kind : throw new ArgumentException($"Unknown extension {extension}", nameof(extension)));

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (_refusal is not null || chunk.IsEmpty) return;
        if (_headLength < _head.Length)
        {
            var take = Math.Min(_head.Length - _headLength, chunk.Length);
            chunk[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
        }
        if (!_kind.Text) return;
        if (chunk.Contains((byte)0)) { _refusal = TextRefusal(); return; }
        // Decoded, not only counted: counting leaves the decoder's state alone, and a letter split between two chunks
        // must be carried over.
        if (_scratch.Length < chunk.Length + 4) _scratch = new char[chunk.Length + 4];
        try { _utf8.GetChars(chunk, _scratch, flush: false); }
        catch (DecoderFallbackException) { _refusal = TextRefusal(); }
    }

    /// <summary>Once the whole file has been fed: why it is refused, or null.</summary>
    public string? Complete()
    {
        if (_refusal is not null) return _refusal;
        if (_kind.Text)
        {
            try { _utf8.GetChars([], _scratch, flush: true); }
            catch (DecoderFallbackException) { return TextRefusal(); }
            return null;
        }
        var head = _head[.._headLength];
        return _kind.Signatures.Any(s => head.AsSpan().StartsWith(s)) ? null
            : $"Содержимое файла не соответствует расширению «.{_extension}»: это не {Describe()}. Проверьте файл и загрузите его снова.";
    }

    private string TextRefusal() =>
        $"Файл «.{_extension}» должен быть текстом в кодировке UTF-8, а в нём двоичные данные или другая кодировка. Сохраните его в UTF-8 и загрузите снова.";

    private string Describe() => _extension switch
    {
        "pdf" => "документ PDF",
        "png" or "jpg" or "jpeg" or "gif" => "изображение этого формата",
        "doc" or "xls" => "документ Microsoft Office",
        "rtf" => "документ RTF",
        "zip" => "архив ZIP",
        _ => "документ этого формата",
    };
}
