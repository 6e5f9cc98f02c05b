// Streams an answer from the Perplexity web app so we can compare citations with the pplx API.
import { EventSourceParserStream } from "eventsource-parser/stream";

const WEB_ENDPOINT = "https://www.perplexity.ai/rest/sse/perplexity_ask";
const API_ENDPOINT = "https://api.perplexity.ai/chat/completions";

const SESSION_COOKIE = "__Secure-next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..Gqi9qairqmoKcGfJ.Ck7QmPRyFPuuW-7I3s2Q8xLNuPASlEPYFymlnQ0SY4-w-v0T4G7a2pvMaPR_KUnRYUe-sZMslJUsvO5vxXWYvkCeoiKSnVhqZxTuU-LV0kekDL6h1IT9Fa1ywHjuTV5XFXihQw-jVrLc6ycDnOOs3g5sW7bHGl4QNLwgpgVsBfgHA4pa2BYWGR7iMizH3xK2js9KW0dJVTkJ8KevhqcaJiEsAD4RJT75eObHx_XQVla4FyABiJAaFcDo9LG2mhaj81DuT_LtMqtaJcDkQmb_v-dJYEATJrTckEddIbfw4s3H0J4T1yEBI_1PLB_naf6jXJmUTZ8WcVApLSO2OsRh0JjET3F6OihmdnbWo8KsroBOjrvN508i-t1jql27A3YfOWn1BWlqkZ4PYSw0CoPzTjCqNMkmGtdJe0iNnA9PVe1Aa_Topr60GHZTnWD-4-od9_u05lsF6jYpkOX1gKo9CYXURGPcCKOvmNZfJNwjCQUJc_H9nG_4hv54mSrTuBfWEYZnDjqJybJA5DoNklQbxkETSSszZHN-J4HcVvLzh8Djr5Zr-Bc8dItBD2Ddq9Xs3dvW_YZ9_bCjx7K0h_Tu-O4z_wTKlRKYgRS689hezxpfWqp1tukKqtbULKdRXpwzJ0osJMjS0gTrDAz1rvTBM1Rklr_iT-mF8I512JQ.E0VBjV_54U1a5frYyr2KpA";

export async function askWeb(query: string): Promise<string> {
  const res = await fetch(WEB_ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: SESSION_COOKIE },
    body: JSON.stringify({ query_str: query, params: { mode: "concise", sources: ["web"], version: "2.18" } }),
  });
  const stream = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  let answer = "";
  for await (const ev of stream) {
    const data = JSON.parse(ev.data);
    if (data.text) answer = data.text;
  }
  return answer;
}

export async function askApi(query: string): Promise<string> {
  const res = await fetch(API_ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.PERPLEXITY_API_KEY}` },
    body: JSON.stringify({ model: "sonar-pro", messages: [{ role: "user", content: query }] }),
  });
  return (await res.json()).choices[0].message.content;
}
