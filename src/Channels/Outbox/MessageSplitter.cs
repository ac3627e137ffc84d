using System.Globalization;

namespace HotlineDispatch.Channels.Outbox;

/// <summary>
/// Cuts a text too long for one provider message into parts sent one after another, so a resident gets
/// all of a long answer instead of its start. Each part ends with its place, such as （2/3）, counted in
/// the limit: the resident sees that more follows and in which order to read parts that arrive apart.
/// A part ends after a line or a sentence if it can, else after a clause or a space, but only once half
/// its room is used (a sentence broken across two parts reads better than a stream of short messages);
/// failing both, between two text elements, so no UTF-8 sequence, surrogate pair or emoji sequence is torn.
/// Only whitespace at a cut, or around the whole text, is dropped.
/// </summary>
public static class MessageSplitter
{
    /// <summary>A rune's most: four UTF-8 bytes, two UTF-16 characters.</summary>
    private const int WidestRune = 4;

    private enum Kind
    {
        Other,
        Line,
        Terminal,
        Closer,
        Clause,
        Space,
    }

    /// <summary>The text itself when it fits in one message; else its parts in order, each within <paramref name="limit"/>.</summary>
    public static IReadOnlyList<string> Split(string text, MessageLimit limit)
    {
        if (limit.Fits(text))
        {
            return [text];
        }

        // The marker's size depends on how many parts there are, and their number on the room the marker
        // leaves: room is kept for a one-digit count first, and for one digit more while the parts outnumber it.
        for (var widest = 9; ; widest = widest * 10 + 9)
        {
            var room = limit.Max - limit.SizeOf(Marker(widest, widest));
            if (room < WidestRune)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit.Max, "The limit leaves no room for a part marker and a character.");
            }

            var parts = Pieces(text, limit, room);
            if (parts.Count <= widest)
            {
                return parts.Select((part, i) => part + Marker(i + 1, parts.Count)).ToList();
            }
        }
    }

    private static string Marker(int part, int count) => $"（{part}/{count}）";

    private static List<string> Pieces(string text, MessageLimit limit, int room)
    {
        var pieces = new List<string>();
        for (var start = SkipBlank(text, 0); start < text.Length;)
        {
            var end = End(text, start, limit, room);
            pieces.Add(text[start..end].TrimEnd());
            start = SkipBlank(text, end);
        }

        return pieces;
    }

    /// <summary>Where the part beginning at <paramref name="start"/> ends: the text's end when the rest fits.</summary>
    private static int End(string text, int start, MessageLimit limit, int room)
    {
        int? sentenceEnd = null, clauseEnd = null;
        var (used, previous, afterTerminal) = (0, Kind.Other, false);
        for (var at = start; at < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text, at);
            var element = text.AsSpan(at, length);
            var kind = KindOf(element[0]);
            if (at > start && used * 2 >= room)
            {
                if (previous == Kind.Line || (afterTerminal && kind is not (Kind.Terminal or Kind.Closer)))
                {
                    sentenceEnd = at;
                }
                else if (previous is Kind.Clause or Kind.Space && kind is not (Kind.Terminal or Kind.Closer or Kind.Clause))
                {
                    clauseEnd = at;
                }
            }

            var size = limit.SizeOf(element);
            if (used + size > room)
            {
                return sentenceEnd ?? clauseEnd ?? (at > start ? at : at + RunesWithin(element, limit, room));
            }

            used += size;
            // A closing quote or bracket after 。 belongs to the sentence it ends.
            afterTerminal = kind == Kind.Terminal || (kind == Kind.Closer && afterTerminal);
            previous = kind;
            at += length;
        }

        return text.Length;
    }

    /// <summary>
    /// How much of one text element larger than a whole part fits (a pathological run of combining marks):
    /// cut between runes, the least harm left.
    /// </summary>
    private static int RunesWithin(ReadOnlySpan<char> element, MessageLimit limit, int room)
    {
        var (used, taken) = (0, 0);
        foreach (var rune in element.EnumerateRunes())
        {
            if (used + limit.SizeOf(rune) > room)
            {
                break;
            }

            used += limit.SizeOf(rune);
            taken += rune.Utf16SequenceLength;
        }

        return taken;
    }

    private static int SkipBlank(string text, int at)
    {
        while (at < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text, at);
            if (!text.AsSpan(at, length).IsWhiteSpace())
            {
                break;
            }

            at += length;
        }

        return at;
    }

    private static Kind KindOf(char first) => first switch
    {
        '\n' or '\r' or '\u2028' or '\u2029' => Kind.Line,
        '。' or '！' or '？' or '!' or '?' or '…' => Kind.Terminal,
        '”' or '’' or '"' or '\'' or '」' or '』' or '）' or ')' or '】' or ']' or '》' or '〉' => Kind.Closer,
        '，' or '、' or '；' or '：' or ',' or ';' or ':' => Kind.Clause,
        _ when char.IsWhiteSpace(first) => Kind.Space,
        _ => Kind.Other,
    };
}
