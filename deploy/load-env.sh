# Sourced by deploy.sh and manage.sh: export the variables of an env file the
# way systemd's EnvironmentFile= reads it (KEY=VALUE per line, # comments,
# optional surrounding quotes), without letting the shell interpret values:
# "Newsroom <news@example.org>" stays a string, never a redirection.
load_env_file() {
    local line key value
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        case "$line" in '' | '#'*) continue ;; esac
        key=${line%%=*}
        value=${line#*=}
        key=${key//[[:space:]]/}
        [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "bad line in $1: $line" >&2; return 1; }
        if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then
            value=${BASH_REMATCH[1]}
        fi
        export "$key=$value"
    done < "$1"
}
