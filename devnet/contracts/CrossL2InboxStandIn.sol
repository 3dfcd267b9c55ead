// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RawLog} from "./RawLog.sol";

struct Identifier {
    address origin;
    uint256 blockNumber;
    uint256 logIndex;
    uint256 timestamp;
    uint256 chainId;
}

/// Stands in for the CrossL2Inbox predeploy (0x4200000000000000000000000000000000000022) on a test chain.
/// It emits the real `ExecutingMessage` event but validates nothing, so a test can put valid and invalid
/// executing messages on a real chain and check that the monitor tells them apart. It keeps no state, so its
/// runtime bytecode can be placed with `anvil_setCode`.
contract CrossL2InboxStandIn {
    event ExecutingMessage(bytes32 indexed msgHash, Identifier id);

    error LengthMismatch(uint256 msgHashes, uint256 ids);

    function validateMessage(Identifier calldata id, bytes32 msgHash) external {
        emit ExecutingMessage(msgHash, id);
    }

    function validateMessages(Identifier[] calldata ids, bytes32[] calldata msgHashes) external {
        if (ids.length != msgHashes.length) revert LengthMismatch(msgHashes.length, ids.length);
        for (uint256 i = 0; i < ids.length; i++) {
            emit ExecutingMessage(msgHashes[i], ids[i]);
        }
    }

    /// Any log from the inbox address, malformed ones included (wrong topic count, short data, bad padding).
    function emitRaw(bytes32[] calldata topics, bytes calldata data) external {
        RawLog.emitLog(topics, data);
    }
}
