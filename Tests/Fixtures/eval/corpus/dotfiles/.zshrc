# ~/.zshrc
export PATH="$HOME/.local/bin:$PATH"
export EDITOR=nvim
eval "$(starship init zsh)"

# AI keys (moved to 1Password? not yet)
export OPENAI_API_KEY=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
export ANTHROPIC_API_KEY=$(op read op://Private/Anthropic/credential)
export HF_TOKEN=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
export GEMINI_API_KEY=AIzaxSBI1wW5D9ZQxInglbKXn1_HpTOFwTWhgvW
export GITHUB_TOKEN=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
export DIGITALOCEAN_ACCESS_TOKEN=dop_v1_472e660dd73e233e0261a2c76135800fffd27efb4363c2536d20b1d5b940b539
export PULUMI_ACCESS_TOKEN=pul-de8d8281d4e75a36b9f1bad79d0b21ed3559623a
export DOPPLER_TOKEN=dp.pt.DJHcyt3jx7lBWau2UHEL0eY3OGq9kNWWzOLnBe6pNZL
export LINEAR_API_KEY=$(cat ~/.config/linear/token)

alias k=kubectl
alias gs='git status'
