using System.Text;

namespace HotlineDispatch.Channels.Outbox;

/// <summary>
/// The most text a provider takes in one message, counted the way that provider counts it: Tencent's
/// APIs in UTF-8 bytes (a Chinese character is three), Twilio in UTF-16 characters (a character beyond the BMP, most emoji, is two).
/// </summary>
public sealed class MessageLimit
{
    private readonly bool _utf8;

    private MessageLimit(int max, bool utf8) => (Max, _utf8) = (max, utf8);

    public int Max { get; }

    public static MessageLimit Utf8Bytes(int max) => new(max, utf8: true);

    public static MessageLimit Utf16Chars(int max) => new(max, utf8: false);

    public int SizeOf(ReadOnlySpan<char> text) => _utf8 ? Encoding.UTF8.GetByteCount(text) : text.Length;

    public int SizeOf(Rune rune) => _utf8 ? rune.Utf8SequenceLength : rune.Utf16SequenceLength;

    public bool Fits(string text) => SizeOf(text) <= Max;
}
