# legacy helper from the 2023 prototype — TODO delete
import openai
import cohere

openai.api_key = "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"
co = cohere.Client("6i1RLIyfmEiND5pyW6XV61xqOm1eRHXKs4WTUUVM")


def summarize(text):
    r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": text}])
    return r["choices"][0]["message"]["content"]


def rerank(query, docs):
    return co.rerank(query=query, documents=docs, model="rerank-english-v3.0")
