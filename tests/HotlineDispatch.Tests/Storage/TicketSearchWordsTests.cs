using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Tests.Storage;

/// <summary>The words the keyword index holds of a ticket and asks of a keyword.</summary>
public sealed class TicketSearchWordsTests
{
    [Fact]
    public void A_text_holds_its_pairs_and_each_of_its_numbers_whole_and_with_two_to_four_characters_before_it_once()
    {
        var words = TicketSearch.TextWords("人民路12号3栋12室");
        // 12 after 人民路; 3 after 路12号, where the run before is a character like any other; 12 after 号3栋.
        Assert.Equal(
            [
                "n12", "c2" + "6c118def" + "12" + "53f7", "c3" + "4eba6c118def" + "12" + "53f7",
                "n3", "c2" + "003253f7" + "3" + "680b", "c3" + "0031003253f7" + "3" + "680b", "c4" + "8def0031003253f7" + "3" + "680b",
                "c2" + "0033680b" + "12" + "5ba4", "c3" + "53f70033680b" + "12" + "5ba4", "c4" + "003253f70033680b" + "12" + "5ba4",
            ],
            words.Where(w => w[0] is 'n' or 'c'));
        Assert.Contains("00310032", words);
        Assert.Equal(words.Distinct().Count(), words.Length);
    }

    [Fact]
    public void A_keyword_holding_a_number_between_characters_is_looked_up_by_it_with_as_many_characters_before_as_it_has()
    {
        Assert.Equal(["c3" + "4eba6c118def" + "12" + "53f7"], TicketSearch.KeywordWords("人民路12号"));
        Assert.Equal(["c4" + "533a5efa56fd8def" + "8" + "53f7"], TicketSearch.KeywordWords("朝阳区建国路8号"));
        Assert.Equal(["n12"], TicketSearch.KeywordWords("路12号"));
        Assert.Equal(TicketSearch.Grams("人民路12"), TicketSearch.KeywordWords("人民路12"));
        Assert.Equal(TicketSearch.Grams("12号"), TicketSearch.KeywordWords("12号"));
        Assert.Equal([true, false, false], new[] { "人民路12号", "路12号", "人民路" }.Select(TicketSearch.IsRare));
    }

    [Fact]
    public void Only_a_number_with_two_to_four_characters_before_it_and_one_after_is_whole_and_goes_unchecked()
    {
        string[] whole = ["人民路12号", "民路12号", "3号楼12室", "建国路88号", "a1b12c"];
        string[] partial = ["路12号", "朝阳区建国路8号", "人民路12号楼", "人民路123456号", "人民路12", "路灯不亮"];
        Assert.All(whole, k => Assert.True(TicketSearch.IsWhole(k) && !TicketSearch.NeedsCheck(k), k));
        Assert.All(partial, k => Assert.True(!TicketSearch.IsWhole(k) && TicketSearch.NeedsCheck(k), k));
        Assert.False(TicketSearch.NeedsCheck("路灯"));
    }

    [Fact]
    public void A_text_holds_a_whole_keywords_word_exactly_when_the_text_holds_the_keyword()
    {
        // A small alphabet of digits and characters makes every shape of neighbour meet often: runs too long, digits
        // before the characters, the keyword at either end of the text.
        const string alphabet = "1234路号楼室人民";
        var random = new Random(20261207);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var checkedKeywords = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var keyword = Text(random.Next(4, 11));
            if (!TicketSearch.IsWhole(keyword))
            {
                continue;
            }

            checkedKeywords++;
            var text = random.Next(3) == 0 ? Text(random.Next(0, 6)) + keyword + Text(random.Next(0, 6)) : Text(random.Next(4, 30));
            Assert.True(text.Contains(keyword, StringComparison.Ordinal) == TicketSearch.TextWords(text).Contains(TicketSearch.KeywordWords(keyword)[0]),
                $"{keyword} in {text}");
        }

        Assert.True(checkedKeywords > 1_000, $"only {checkedKeywords} whole keywords were drawn");
    }

    [Fact]
    public void A_telephone_or_identity_number_is_never_a_word_of_the_index_nor_asked_for()
    {
        var words = TicketSearch.IndexWords("请回电13812345678，身份证110101199003071234，住1502室", DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(words, w => w.Contains("13812345678") || w.Contains("1990") || w.Contains("123456"));
        Assert.Contains("n1502", words);
        Assert.Equal(TicketSearch.Grams("电13812345678，"), TicketSearch.KeywordWords("电13812345678，"));
    }

    [Fact]
    public void The_time_words_follow_the_utc_month_and_year_of_acceptance()
    {
        var words = TicketSearch.IndexWords("漏水", new DateTimeOffset(2027, 1, 1, 7, 59, 0, TimeSpan.FromHours(8)));
        Assert.Equal(["m202612", "y2026"], words[^2..]);
    }
}
