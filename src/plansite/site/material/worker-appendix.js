/* plansite: see src/plansite/site/material/worker.py */
function plansiteQuery(query, index) {
  /* Split the query where the index splits text: Chinese punctuation and U+200B become spaces (ASCII
     separators such as "-" are left to Lunr's query parser), and a run of Han characters is cut off
     from digits or letters typed against it: 2500人次 -> 2500 人次. */
  var separator = new RegExp(lunr.tokenizer.separator.source, "g");
  query = query
    .replace(separator, function (found) { return found.replace(/[^\x00-\x7f]/g, " "); })
    .replace(/(\p{sc=Han})(?=[^\s\p{sc=Han}*~^"])/gu, "$1 ")
    .replace(/([^\s\p{sc=Han}+\-"])(?=\p{sc=Han})/gu, "$1 ");
  /* A run of Han characters typed without spaces is one phrase: every word of it must be on the page
     (科普大篷车 -> +科普* +大篷车*). Otherwise a common word of the phrase that is in many titles
     (科普) outranks the one page that has the whole phrase. If no page has every word, the query is
     left to Material as it is (any word). */
  var words = index.invertedIndex, phrase = false;
  var all = query.replace(/\p{sc=Han}+/gu, function (run) {
    var found = plansiteSegment(run, words);
    if (found.length < 2) return run;
    phrase = true;
    return " " + found.map(function (word) { return "+" + word + "*"; }).join(" ") + " ";
  });
  if (phrase) {
    try { if (index.search(all).length) return all.trim(); } catch (err) { /* not a valid query */ }
  }
  return query;
}

/* The words of the index that make up `run`, longest first from the left; a character that starts no
   word of the index is skipped (Material's segmenter drops it too). */
function plansiteSegment(run, words) {
  var found = [];
  for (var i = 0; i < run.length;) {
    var j = run.length;
    while (j > i && !(run.slice(i, j) in words)) j--;
    if (j > i) { found.push(run.slice(i, j)); i = j; } else i++;
  }
  return found;
}
