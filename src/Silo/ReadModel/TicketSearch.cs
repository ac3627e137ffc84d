using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// The keyword filter's index: every pair of adjacent characters of a ticket's words (content and address, ASCII
/// letters in lower case), each written as an 8-digit hex word so that neither engine's tokenizer or locale can split
/// or fold it. A keyword of two characters is found by its one pair exactly; a longer one by all of its pairs, and
/// then the words are checked for it. Most Chinese keywords are two characters (路灯, 漏水), too short for trigrams.
/// Beside the pairs each ticket holds the month and the year of its acceptance as words (<see cref="MonthWord"/>,
/// <see cref="YearWord"/>): neither engine's index returns its matches in acceptance order, so a common pair over years
/// of tickets is asked a slice of time at a time, where its matches are few (SqlTicketIndex).
/// </summary>
public static class TicketSearch
{
    /// <summary>A keyword needs one pair at least.</summary>
    public const int MinLength = 2;

    /// <summary>The longest number indexed whole: a house, building or room number (1502室), never a telephone number.</summary>
    private const int MaxNumberDigits = 5;

    /// <summary>The pairs of <paramref name="text"/>, each once, in the order first met.</summary>
    public static string[] Grams(string text)
    {
        var folded = Folded(text);
        var grams = new List<string>(folded.Length);

        // The pair as one number, whose eight hex digits are the two characters' four each: a repeated pair is
        // recognised before its word is formatted (the history bench writes millions of these).
        var seen = new HashSet<uint>();
        for (var i = 0; i + 1 < folded.Length; i++)
        {
            var pair = (uint)folded[i] << 16 | folded[i + 1];
            if (seen.Add(pair))
            {
                grams.Add(pair.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        return [.. grams];
    }

    /// <summary>What the index holds for a ticket: its words' pairs, then the month and the year it was accepted in.</summary>
    public static string[] IndexWords(string text, DateTimeOffset acceptedAt) =>
        [.. TextWords(text), MonthWord(acceptedAt), YearWord(acceptedAt.UtcDateTime.Year)];

    /// <summary>What the index holds of a text: its pairs and its numbers (<see cref="NumberWords"/>).</summary>
    public static string[] TextWords(string text) => [.. Grams(text), .. NumberWords(Folded(text), keyword: false)];

    /// <summary>
    /// What a keyword is looked up by: the word of a number with the characters around it when the keyword is nothing
    /// else (<see cref="IsWhole"/>); else each number it holds whole, between other characters, or else its pairs. A
    /// ticket holding 人民路12号 holds the number 12 whole and with up to four characters before it and the one after,
    /// which is far rarer than the pairs 12 and 2号 that every 112 and 212 of every street holds, and rarer than 人民路
    /// too; each further word looked up costs a search of its own long list for every candidate, so the pairs are left to
    /// the check of the words, which a keyword longer than a pair gets unless it is whole.
    /// </summary>
    public static string[] KeywordWords(string needle) =>
        WholeNumberWord(needle) is { } whole ? [whole]
        : NumberWords(needle, keyword: true).ToArray() is { Length: > 0 } numbers ? numbers
        : Grams(needle);

    /// <summary>
    /// Whether a keyword is looked up by numbers with their characters around them alone: a handful of tickets a street
    /// number, so few that even PostgreSQL, which gathers every match of its index before it answers, counts them over
    /// the whole index at once.
    /// </summary>
    public static bool IsRare(string needle) => KeywordWords(needle).All(w => w[0] == 'c');

    /// <summary>
    /// Whether the keyword is one number with two to four characters before it and one after (人民路12号, 3号楼12室):
    /// the index holds that very word for each ticket whose words hold the keyword, and for no other, so its matches
    /// need no check of the words and its count reads the index alone.
    /// </summary>
    public static bool IsWhole(string needle) => WholeNumberWord(needle) is not null;

    /// <summary>Whether a ticket found by the keyword's words must still have its words checked for the keyword.</summary>
    public static bool NeedsCheck(string needle) => needle.Length > MinLength && !IsWhole(needle);

    private static string? WholeNumberWord(string needle)
    {
        var end = needle.Length - 1;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(needle[start - 1]))
        {
            start--;
        }

        return end - start is >= 1 and <= MaxNumberDigits && start is >= 2 and <= MaxContext && !char.IsAsciiDigit(needle[end])
            ? ContextWord(needle, start, end, start)
            : null;
    }

    /// <summary>
    /// Each run of ASCII digits of a text as a word, <c>n12</c>, and, with two to four characters before it and one after,
    /// as one more word for each count of characters before (<see cref="ContextWord"/>). A keyword asks only for the runs
    /// with characters on both sides, which a text holding it holds whole: by the word with as many characters before as
    /// it has, up to four, when it has two. Runs longer than a house or room number are left to the pairs: the index must
    /// never spell out a telephone or an identity number, which an erasure removes from the text but FTS5 keeps in its
    /// lists until they are merged.
    /// </summary>
    private static IEnumerable<string> NumberWords(string folded, bool keyword)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < folded.Length; start++)
        {
            if (!char.IsAsciiDigit(folded[start]))
            {
                continue;
            }

            var end = start;
            while (end < folded.Length && char.IsAsciiDigit(folded[end]))
            {
                end++;
            }

            if (end - start > MaxNumberDigits)
            {
                start = end;
                continue;
            }

            var enclosed = start > 0 && end < folded.Length;
            var contexts = start > 1 && end < folded.Length ? Math.Min(start, MaxContext) : 0;
            if ((!keyword || (enclosed && contexts == 0)) && seen.Add($"n{folded[start..end]}"))
            {
                yield return $"n{folded[start..end]}";
            }

            for (var before = keyword ? contexts : 2; before >= 2 && before <= contexts; before++)
            {
                var word = ContextWord(folded, start, end, before);
                if (seen.Add(word))
                {
                    yield return word;
                }
            }

            start = end;
        }
    }

    /// <summary>The most characters before a number that the index holds a word of: 建国路 and 3号楼 fit, with one more.</summary>
    private const int MaxContext = 4;

    /// <summary>
    /// The word of the digits from <paramref name="start"/> to <paramref name="end"/> with <paramref name="before"/>
    /// characters before them and the one after: <c>c</c>, that count, the characters' hex, the digits, the hex of the
    /// one after. The count tells where the characters end, so no two such words are alike.
    /// </summary>
    private static string ContextWord(string folded, int start, int end, int before)
    {
        var word = new StringBuilder("c").Append(before);
        for (var i = start - before; i < start; i++)
        {
            word.Append(((int)folded[i]).ToString("x4", CultureInfo.InvariantCulture));
        }

        return word.Append(folded, start, end - start).Append(((int)folded[end]).ToString("x4", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>The word of a UTC month, <c>m202611</c>: not a hex pair, so no text can hold it.</summary>
    public static string MonthWord(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"m{instant.UtcDateTime.Year:D4}{instant.UtcDateTime.Month:D2}");

    /// <summary>The word of a UTC year, <c>y2026</c>.</summary>
    public static string YearWord(int year) => string.Create(CultureInfo.InvariantCulture, $"y{year:D4}");

    /// <summary>ASCII letters in lower case, as SQLite's lower() and the PostgreSQL check below fold them.</summary>
    public static string Folded(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
        }
    });

    /// <summary>The pairs as the SQLite FTS5 column holds them (and its MATCH reads them: every word must be there).</summary>
    public static string FtsText(string[] grams) => string.Join(' ', grams);

    /// <summary>
    /// Whether the words hold the keyword <c>@needle</c> (folded): the exact check after the pairs, and the whole
    /// filter while the pairs of older tickets are still being written.
    /// </summary>
    public static string Contains(bool postgres) => postgres
        ? "strpos(translate(f.words, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), @needle) > 0"
        : "instr(lower(f.words), @needle) > 0";

    /// <summary>The ids of the tickets whose words hold every pair of <c>@grams</c>.</summary>
    public static string HoldingAll(bool postgres) => postgres
        ? "SELECT id FROM hotline_ticket_grams WHERE grams @> @grams"
        : "SELECT x.id FROM hotline_ticket_grams JOIN hotline_ticket_text x ON x.n = hotline_ticket_grams.rowid WHERE hotline_ticket_grams MATCH @grams";

    /// <summary>
    /// How many tickets hold every word of <c>@grams</c>, up to <c>@cap</c>, from the index alone; with
    /// <paramref name="check"/> (a keyword longer than a pair) their words are checked for <c>@needle</c> too.
    /// </summary>
    public static string CountHolding(bool postgres, bool check) => postgres
        ? $"""
          SELECT COUNT(*) FROM (SELECT 1 FROM hotline_ticket_grams g {(check ? "JOIN hotline_ticket_find f ON f.id = g.id" : "")}
          WHERE g.grams @> @grams {(check ? $"AND {Contains(true)}" : "")} LIMIT @cap) matches
          """
        : $"""
          SELECT COUNT(*) FROM (SELECT 1 FROM hotline_ticket_grams {(check ? "CROSS JOIN hotline_ticket_text x CROSS JOIN hotline_ticket_find f" : "")}
          WHERE hotline_ticket_grams MATCH @grams {(check ? $"AND x.n = hotline_ticket_grams.rowid AND f.id = x.id AND {Contains(false)}" : "")} LIMIT @cap) matches
          """;

    /// <summary>
    /// The tickets holding every pair of <c>@grams</c> as the first tables of a join, read in the index's own order
    /// (SQLite's CROSS JOIN keeps FTS5 outermost), with <see cref="JoinedOn"/> in the WHERE. On PostgreSQL the matches
    /// of a <paramref name="rare"/> keyword's words are a subquery it cannot merge into the join (OFFSET 0): asked for
    /// the two newest of a street number's matches in a year, the planner walked the year's tickets newest first and
    /// read each one's words for the number, 10 s at ten million tickets, where gathering the year's 775 matches from
    /// the index and sorting them took 94 ms. A common pair's month is better walked: its thousands of matches are not
    /// fenced.
    /// </summary>
    public static string Joined(bool postgres, bool rare) => postgres
        ? rare ? "(SELECT id FROM hotline_ticket_grams WHERE grams @> @grams OFFSET 0) g CROSS JOIN " : "hotline_ticket_grams g CROSS JOIN "
        : "hotline_ticket_grams CROSS JOIN hotline_ticket_text x CROSS JOIN ";

    /// <summary>The condition of <see cref="Joined"/>: the pairs are there and belong to the ticket <paramref name="id"/>.</summary>
    public static string JoinedOn(bool postgres, bool rare, string id) => postgres
        ? rare ? $"g.id = {id}" : $"g.grams @> @grams AND g.id = {id}"
        : $"hotline_ticket_grams MATCH @grams AND x.n = hotline_ticket_grams.rowid AND x.id = {id}";

    /// <summary><c>@grams</c> as <see cref="HoldingAll"/> and <see cref="JoinedOn"/> take it.</summary>
    public static object GramsParameter(bool postgres, string[] grams) => postgres ? grams : FtsText(grams);

    /// <summary>
    /// Writes the ticket's pairs in the caller's transaction. With <paramref name="overwrite"/> false a row already
    /// there stays (a backfill on PostgreSQL, where the projection may have written newer words meanwhile; on SQLite
    /// the caller holds the writer's lock from reading the words to the commit).
    /// </summary>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, string id, string words, DateTimeOffset acceptedAt, bool overwrite)
    {
        var grams = IndexWords(words, acceptedAt);
        var postgres = connection is NpgsqlConnection;
        await using var command = connection.Command(postgres
            ? $"INSERT INTO hotline_ticket_grams (id, grams) VALUES (@id, @grams) ON CONFLICT (id) {(overwrite ? "DO UPDATE SET grams = excluded.grams" : "DO NOTHING")}"
            : """
              INSERT INTO hotline_ticket_text (id) VALUES (@id) ON CONFLICT (id) DO NOTHING;
              DELETE FROM hotline_ticket_grams WHERE rowid = (SELECT n FROM hotline_ticket_text WHERE id = @id);
              INSERT INTO hotline_ticket_grams (rowid, grams) SELECT n, @grams FROM hotline_ticket_text WHERE id = @id;
              """, transaction)
            .With("id", id)
            .With("grams", GramsParameter(postgres, grams));
        await command.ExecuteNonQueryAsync();
    }
}
